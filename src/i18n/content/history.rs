//! The History chapter's introduction: the question the timeline answers.

use super::Block;

pub(super) const HISTORY_EN: &[Block] = &[
    Block::Para(
        "In the summer of 1956 a few researchers met at Dartmouth College, sure that a summer's \
         work could teach machines to use language and to improve themselves. Seventy years \
         later, models trained on text do much of what they hoped. What happened in between?",
    ),
    Block::Para(
        "Before you read on, guess: was the road steady, or did the field twice lose its money \
         and its name? Which idea came first, learning from examples or rules written by \
         experts? Choose an event on the timeline to check, then follow its link to try the \
         idea in this lab.",
    ),
];

pub(super) const HISTORY_ZH: &[Block] = &[
    Block::Para(
        "1956 年夏，几位研究者聚集在达特茅斯学院，相信只要一个夏天的努力，就能让机器学会使用\
         语言、学会自我改进。七十年后，在文本上训练出来的模型做到了他们所期望的许多事情。这\
         中间发生了什么？",
    ),
    Block::Para(
        "读下去之前先猜一猜：这条路是一帆风顺，还是这个领域曾两度失去经费和声誉？从示例中学习\
         与由专家手写规则，哪个想法先出现？在时间线上选择一个事件来验证，再顺着它的链接到本\
         实验室里亲手试一试。",
    ),
];
