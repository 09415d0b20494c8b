//! The References chapter's introduction.

use super::Block;

pub(super) const REFERENCES_EN: &[Block] = &[Block::Para(
    "The ideas in this lab took almost four decades to come together. The timeline below follows \
     them from backpropagation in 1986 to the compute-optimal scaling of 2022, and the list after \
     it gives the works each chapter builds on, with a line on why each is cited. Where a paper \
     appeared as a preprint before a conference, the year is usually that of the preprint.",
)];

pub(super) const REFERENCES_ZH: &[Block] = &[Block::Para(
    "本实验室讲到的这些思想，用了将近四十年才汇聚到一起。下面的时间线从 1986 年的反向传播讲到 \
     2022 年的算力最优缩放；其后的列表给出各章所依据的文献，并用一句话说明引用每篇文献的理由。\
     若论文先以预印本发布、后在会议上发表，年份通常取预印本的年份。",
)];
