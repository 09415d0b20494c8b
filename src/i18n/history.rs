//! How we got here: the events of the History chapter's timeline, from the 1956 Dartmouth
//! workshop to instruction-tuned assistants, and the booms and winters around them.
//!
//! Every event names its people and organisation as the cited work gives them, and links to
//! the chapter where the visitor can try its idea. Dates come from the works themselves (the
//! proposal's date, the journal issue, the arXiv identifier, the announcement); where a work
//! gives only a year, so does the event.

use super::Lang;
use crate::routes::Chapter;

/// Text in both languages.
pub type Both = (&'static str, &'static str);

fn pick(text: Both, lang: Lang) -> &'static str {
    match lang {
        Lang::En => text.0,
        Lang::Zh => text.1,
    }
}

/// A period of hope or of disappointment, drawn as a band behind the events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Season {
    Boom,
    Winter,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Era {
    pub season: Season,
    pub from: u16,
    /// The last year of the band; `None` when it goes on today.
    pub to: Option<u16>,
    pub name: Both,
    /// What marks its edges, in one sentence.
    pub note: Both,
    pub refs: &'static [&'static str],
}

impl Era {
    pub fn name(&self, lang: Lang) -> &'static str {
        pick(self.name, lang)
    }

    pub fn note(&self, lang: Lang) -> &'static str {
        pick(self.note, lang)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    /// Stable id: `data-event` on the page and the anchor of its card.
    pub id: &'static str,
    pub year: u16,
    /// 1–12, or 0 when the source gives only the year.
    pub month: u8,
    /// The date as the page prints it.
    pub when: Both,
    pub title: Both,
    pub people: &'static str,
    pub organisation: Both,
    /// Why it mattered, in one sentence.
    pub why: Both,
    pub refs: &'static [&'static str],
    /// Where the visitor can try the idea, and what to try there.
    pub chapter: Chapter,
    pub try_it: Both,
}

impl Event {
    pub fn when(&self, lang: Lang) -> &'static str {
        pick(self.when, lang)
    }

    pub fn title(&self, lang: Lang) -> &'static str {
        pick(self.title, lang)
    }

    pub fn organisation(&self, lang: Lang) -> &'static str {
        pick(self.organisation, lang)
    }

    pub fn why(&self, lang: Lang) -> &'static str {
        pick(self.why, lang)
    }

    pub fn try_it(&self, lang: Lang) -> &'static str {
        pick(self.try_it, lang)
    }

    /// The event's place on a time axis in years, mid-month when the month is known and
    /// mid-year when it is not.
    pub fn at(&self) -> f32 {
        let within = if self.month == 0 {
            0.5
        } else {
            (f32::from(self.month) - 0.5) / 12.0
        };
        f32::from(self.year) + within
    }
}

/// The first year the timeline shows.
pub const TIMELINE_FROM: u16 = 1950;

/// Historians draw these edges differently; the bands mark the events the sources name, and the
/// page says the dates are approximate.
pub const ERAS: &[Era] = &[
    Era {
        season: Season::Boom,
        from: 1956,
        to: Some(1973),
        name: ("First hopes", "最初的希望"),
        note: (
            "From the Dartmouth proposal's confidence to the Lighthill report.",
            "从达特茅斯提案的信心满满，到莱特希尔报告。",
        ),
        refs: &["mccarthy1955", "lighthill1973"],
    },
    Era {
        season: Season::Winter,
        from: 1974,
        to: Some(1979),
        name: ("First winter", "首次寒冬"),
        note: (
            "After the Lighthill report, British support for AI research fell away.",
            "莱特希尔报告之后，英国对人工智能研究的支持大幅减少。",
        ),
        refs: &["lighthill1973"],
    },
    Era {
        season: Season::Boom,
        from: 1980,
        to: Some(1986),
        name: ("Expert systems", "专家系统"),
        note: (
            "Rule-based systems went to work in industry; by 1984 researchers warned that \
             expectations had run too high.",
            "基于规则的系统进入工业界；到 1984 年，研究者们已警告期望过高。",
        ),
        refs: &["mcdermott1982", "mcdermott1985"],
    },
    Era {
        season: Season::Winter,
        from: 1987,
        to: Some(1993),
        name: ("Second winter", "再次寒冬"),
        note: (
            "The collapse the 1984 panel had feared: funding and companies fell away.",
            "1984 年那场讨论所担心的崩溃到来了：经费和公司纷纷退场。",
        ),
        refs: &["mcdermott1985"],
    },
    Era {
        season: Season::Boom,
        from: 2012,
        to: None,
        name: ("Deep learning", "深度学习"),
        note: (
            "Since a deep network trained on GPUs won ImageNet.",
            "自从一个在 GPU 上训练的深层网络赢得 ImageNet 竞赛以来。",
        ),
        refs: &["krizhevsky2012"],
    },
];

pub const EVENTS: &[Event] = &[
    Event {
        id: "dartmouth",
        year: 1956,
        month: 7,
        when: ("Summer 1956", "1956 年夏"),
        title: ("The Dartmouth workshop", "达特茅斯研讨会"),
        people: "John McCarthy, Marvin Minsky, Nathaniel Rochester, Claude Shannon",
        organisation: (
            "Dartmouth College, Harvard University, IBM, Bell Telephone Laboratories",
            "达特茅斯学院、哈佛大学、IBM、贝尔电话实验室",
        ),
        why: (
            "Their proposal of 31 August 1955 named the field and its conjecture: that every \
             aspect of learning can be described so precisely that a machine can simulate it.",
            "他们在 1955 年 8 月 31 日的提案中为这个领域命名，并提出其猜想：学习的每个方面都能被\
             精确描述，从而让机器加以模拟。",
        ),
        refs: &["mccarthy1955"],
        chapter: Chapter::Overview,
        try_it: (
            "See which of the proposal's hopes this lab's models reach.",
            "看看提案中的哪些愿望，本实验室的模型已经能够实现。",
        ),
    },
    Event {
        id: "lighthill",
        year: 1973,
        month: 0,
        when: ("1973", "1973 年"),
        title: ("The Lighthill report", "莱特希尔报告"),
        people: "James Lighthill",
        organisation: (
            "Science Research Council (United Kingdom)",
            "英国科学研究委员会",
        ),
        why: (
            "It judged that no part of AI had produced the impact once promised, and blamed the \
             combinatorial explosion; British funding for AI research fell after it.",
            "报告认为人工智能没有任何一个分支产生了当初承诺的影响，并归咎于组合爆炸；此后英国对\
             人工智能研究的资助随之减少。",
        ),
        refs: &["lighthill1973"],
        chapter: Chapter::Finetune,
        try_it: (
            "In the scale experiment, see what more parameters buy when the data stay the same.",
            "在规模实验中，看看数据不变时，更多的参数能换来什么。",
        ),
    },
    Event {
        id: "expert-systems",
        year: 1980,
        month: 1,
        when: ("January 1980", "1980 年 1 月"),
        title: ("An expert system goes to work", "专家系统投入使用"),
        people: "John McDermott",
        organisation: (
            "Carnegie-Mellon University, Digital Equipment Corporation",
            "卡内基-梅隆大学、DEC 公司",
        ),
        why: (
            "R1 (also called XCON), a program of hand-written rules, checked and completed \
             customers' computer orders for DEC's manufacturing in regular use: knowledge typed in \
             by people, not learned from data.",
            "R1（又名 XCON）是一个由人工编写规则构成的程序，经常性地为 DEC 的生产部门检查并补全\
             客户的计算机订单：知识由人输入，而不是从数据中学习。",
        ),
        refs: &["mcdermott1982"],
        chapter: Chapter::Transformer,
        try_it: (
            "Dates could be turned into ISO 8601 by rules written by hand; watch a model learn \
             them from examples instead.",
            "把日期转换为 ISO 8601 格式本可以靠手写规则完成；来看一个模型如何从示例中学会它。",
        ),
    },
    Event {
        id: "backprop",
        year: 1986,
        month: 10,
        when: ("October 1986", "1986 年 10 月"),
        title: ("Backpropagation made popular", "反向传播广为人知"),
        people: "David E. Rumelhart, Geoffrey E. Hinton, Ronald J. Williams",
        organisation: (
            "University of California, San Diego; Carnegie-Mellon University",
            "加州大学圣迭戈分校、卡内基-梅隆大学",
        ),
        why: (
            "Their Nature paper showed that propagating errors backwards lets hidden layers \
             learn useful representations of their own.",
            "他们在《自然》上的论文表明，把误差反向传播，隐藏层就能自己学到有用的表示。",
        ),
        refs: &["rumelhart1986"],
        chapter: Chapter::Autoencoder,
        try_it: (
            "Train an autoencoder: every step is one backward pass through its layers.",
            "训练一个自编码器：每一步都是一次穿过各层的反向传播。",
        ),
    },
    Event {
        id: "deep-revival",
        year: 2006,
        month: 7,
        when: ("July 2006", "2006 年 7 月"),
        title: ("Deep networks revived", "深层网络复兴"),
        people: "Geoffrey E. Hinton, Ruslan R. Salakhutdinov",
        organisation: ("University of Toronto", "多伦多大学"),
        why: (
            "Deep autoencoders, started from a good initialisation, found codes for MNIST digits \
             much better than PCA's, and deep learning drew attention again.",
            "从良好的初始化出发，深层自编码器为 MNIST 数字找到了远好于 PCA 的编码，深度学习\
             由此重新受到关注。",
        ),
        refs: &["hinton2006"],
        chapter: Chapter::Autoencoder,
        try_it: (
            "Compare a 2-number code with PCA's view of the same digits.",
            "把两个数的编码与 PCA 对同一批数字的投影作比较。",
        ),
    },
    Event {
        id: "imagenet",
        year: 2009,
        month: 6,
        when: ("June 2009", "2009 年 6 月"),
        title: ("ImageNet", "ImageNet 数据集"),
        people: "Jia Deng, Wei Dong, Richard Socher, Li-Jia Li, Kai Li, Li Fei-Fei",
        organisation: ("Princeton University", "普林斯顿大学"),
        why: (
            "3.2 million labelled images in 5,247 categories at its first presentation: data on \
             a scale that deep networks could learn from.",
            "首次发布时就有 5,247 个类别、320 万张带标注图像：这样规模的数据让深层网络有东西\
             可学。",
        ),
        refs: &["deng2009"],
        chapter: Chapter::Finetune,
        try_it: (
            "See how accuracy grows with the number of labelled examples.",
            "看看准确率如何随带标注示例的数量而增长。",
        ),
    },
    Event {
        id: "alexnet",
        year: 2012,
        month: 0,
        when: ("2012", "2012 年"),
        title: ("AlexNet wins ImageNet", "AlexNet 赢得 ImageNet 竞赛"),
        people: "Alex Krizhevsky, Ilya Sutskever, Geoffrey E. Hinton",
        organisation: ("University of Toronto", "多伦多大学"),
        why: (
            "A deep convolutional network trained on two GPUs won the 2012 ImageNet challenge by \
             a wide margin: fast matrix arithmetic made depth pay.",
            "一个在两块 GPU 上训练的深层卷积网络以巨大优势赢得 2012 年 ImageNet 挑战赛：\
             高速矩阵运算让深度有了回报。",
        ),
        refs: &["krizhevsky2012"],
        chapter: Chapter::Performance,
        try_it: (
            "Measure how fast this device multiplies matrices.",
            "测一测这台设备做矩阵乘法有多快。",
        ),
    },
    Event {
        id: "alphago",
        year: 2016,
        month: 3,
        when: ("March 2016", "2016 年 3 月"),
        title: ("AlphaGo defeats Lee Sedol", "AlphaGo 击败李世石"),
        people: "David Silver, Aja Huang, Demis Hassabis and colleagues",
        organisation: ("Google DeepMind", "谷歌 DeepMind"),
        why: (
            "A program that learned first from human games and then from games against itself \
             defeated Lee Sedol, one of the world's strongest Go players.",
            "一个先学习人类棋谱、再通过自我对弈提高的程序，击败了世界顶尖围棋棋手之一李世石。",
        ),
        refs: &["silver2016", "silver2017"],
        chapter: Chapter::Finetune,
        try_it: (
            "Learn first from one source, then fine-tune on another: compare it with training \
             from scratch.",
            "先从一个来源学习，再在另一个来源上微调：把它与从零训练作比较。",
        ),
    },
    Event {
        id: "transformer",
        year: 2017,
        month: 6,
        when: ("June 2017", "2017 年 6 月"),
        title: ("The Transformer", "Transformer"),
        people: "Ashish Vaswani, Noam Shazeer, Niki Parmar, Jakob Uszkoreit, Llion Jones, \
                 Aidan N. Gomez, Łukasz Kaiser, Illia Polosukhin",
        organisation: (
            "Google Brain, Google Research, University of Toronto",
            "谷歌大脑、谷歌研究院、多伦多大学",
        ),
        why: (
            "“Attention Is All You Need” dropped recurrence: every position attends to every \
             other, and the whole sequence trains at once.",
            "《Attention Is All You Need》抛弃了循环结构：每个位置都关注所有其他位置，整个序列\
             可以同时训练。",
        ),
        refs: &["vaswani2017"],
        chapter: Chapter::Attention,
        try_it: (
            "Step through self-attention with numbers you can change.",
            "用你可以修改的数字，一步步走过自注意力的计算。",
        ),
    },
    Event {
        id: "gpt-bert",
        year: 2018,
        month: 0,
        when: ("2018", "2018 年"),
        title: ("GPT and BERT", "GPT 与 BERT"),
        people: "Alec Radford et al.; Jacob Devlin, Ming-Wei Chang, Kenton Lee, Kristina Toutanova",
        organisation: ("OpenAI; Google AI Language", "OpenAI；谷歌 AI Language"),
        why: (
            "Pretrain a Transformer on plain text, then fine-tune it: one model, adapted to many \
             tasks with little labelled data.",
            "先在纯文本上预训练 Transformer，再进行微调：一个模型只需少量标注数据就能适配多种\
             任务。",
        ),
        refs: &["radford2018", "devlin2018"],
        chapter: Chapter::Finetune,
        try_it: (
            "Pretrain, then fine-tune with few labels, and compare with training from scratch.",
            "先预训练，再用少量标签微调，并与从零训练作比较。",
        ),
    },
    Event {
        id: "scaling",
        year: 2020,
        month: 0,
        when: ("January and May 2020", "2020 年 1 月与 5 月"),
        title: ("Scaling laws and GPT-3", "缩放定律与 GPT-3"),
        people: "Jared Kaplan, Sam McCandlish et al.; Tom B. Brown, Benjamin Mann, Nick Ryder \
                 et al.",
        organisation: ("OpenAI", "OpenAI"),
        why: (
            "Loss fell as a power law in parameters, data and compute; GPT-3, with 175 billion \
             parameters, did new tasks from a few examples in its prompt.",
            "损失随参数量、数据量和算力按幂律下降；拥有 1750 亿参数的 GPT-3 只需提示中的几个\
             示例就能完成新任务。",
        ),
        refs: &["kaplan2020", "brown2020"],
        chapter: Chapter::Finetune,
        try_it: (
            "Train five sizes of model and fit the power law yourself.",
            "训练五种规模的模型，亲手拟合幂律。",
        ),
    },
    Event {
        id: "chinchilla",
        year: 2022,
        month: 3,
        when: ("March 2022", "2022 年 3 月"),
        title: ("Chinchilla", "Chinchilla"),
        people: "Jordan Hoffmann, Sebastian Borgeaud, Arthur Mensch et al.",
        organisation: ("DeepMind", "DeepMind"),
        why: (
            "For a fixed compute budget, parameters and training tokens should grow together, \
             about 20 tokens per parameter: many large models had been undertrained.",
            "在固定算力预算下，参数量和训练词元数应同步增长，每个参数约对应 20 个词元：此前许多\
             大模型其实训练不足。",
        ),
        refs: &["hoffmann2022"],
        chapter: Chapter::Finetune,
        try_it: (
            "Give the biggest model too few tokens and see what happens.",
            "只给最大的模型很少的词元，看看会发生什么。",
        ),
    },
    Event {
        id: "assistants",
        year: 2022,
        month: 11,
        when: ("March and November 2022", "2022 年 3 月与 11 月"),
        title: ("Instruction-tuned assistants", "指令微调的助手"),
        people: "Long Ouyang, Jeff Wu, Xu Jiang et al.",
        organisation: ("OpenAI", "OpenAI"),
        why: (
            "InstructGPT fine-tuned GPT-3 on human demonstrations and rankings; its sibling \
             ChatGPT, trained the same way for dialogue, opened to the public on 30 November.",
            "InstructGPT 用人类示范和排序对 GPT-3 进行微调；用同样方法为对话训练的姊妹模型 \
             ChatGPT 于 11 月 30 日向公众开放。",
        ),
        refs: &["ouyang2022", "openai2022"],
        chapter: Chapter::Finetune,
        try_it: (
            "Fine-tune a pretrained model on a little labelled data.",
            "用少量标注数据微调一个预训练模型。",
        ),
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn reference_year(key: &str) -> Option<u16> {
        crate::i18n::reference(key).map(|r| r.year)
    }

    fn is_cjk(c: char) -> bool {
        ('\u{4E00}'..='\u{9FFF}').contains(&c)
    }

    /// Chinese text puts a space between Chinese characters and Latin letters or digits.
    fn spaced(s: &str) -> bool {
        let chars: Vec<char> = s.chars().collect();
        !chars.windows(2).any(|w| {
            (is_cjk(w[0]) && w[1].is_ascii_alphanumeric())
                || (w[0].is_ascii_alphanumeric() && is_cjk(w[1]))
        })
    }

    /// A proper name (OpenAI) may read the same in both languages; a sentence may not.
    fn check_text(what: &str, (en, zh): Both) {
        check_name(what, (en, zh));
        assert!(zh.chars().any(is_cjk), "{what}: Chinese is not Chinese");
    }

    fn check_name(what: &str, (en, zh): Both) {
        assert!(!en.trim().is_empty(), "{what}: empty English");
        assert!(!zh.trim().is_empty(), "{what}: empty Chinese");
        assert!(spaced(zh), "{what}: Chinese and Latin run together: {zh}");
        assert!(
            !en.contains("  ") && !zh.contains("  "),
            "{what}: double space"
        );
    }

    #[test]
    fn every_event_cites_listed_works_and_links_a_chapter() {
        let mut ids = HashSet::new();
        for e in EVENTS {
            assert!(ids.insert(e.id), "duplicate id {}", e.id);
            assert!(!e.refs.is_empty(), "{}: cites nothing", e.id);
            for key in e.refs {
                let year = reference_year(key)
                    .unwrap_or_else(|| panic!("{}: unknown reference {key}", e.id));
                // A work may appear a year before its event (a proposal, a preprint) or
                // record it a year after (AlphaGo Zero's paper on the Lee Sedol match).
                assert!(
                    year + 1 >= e.year && year <= e.year + 2,
                    "{}: cites {key} from {year}",
                    e.id
                );
            }
            assert_ne!(e.chapter, Chapter::History, "{}: links to itself", e.id);
            assert!(e.month <= 12, "{}: month {}", e.id, e.month);
            assert!(!e.people.trim().is_empty(), "{}: no people", e.id);
            check_name(&format!("{} organisation", e.id), e.organisation);
            check_name(&format!("{} title", e.id), e.title);
            for (what, text) in [("when", e.when), ("why", e.why), ("try", e.try_it)] {
                check_text(&format!("{} {what}", e.id), text);
            }
        }
    }

    #[test]
    fn events_run_in_order_from_dartmouth_to_the_assistants() {
        for w in EVENTS.windows(2) {
            assert!(w[0].at() <= w[1].at(), "{} before {}", w[0].id, w[1].id);
        }
        assert_eq!(EVENTS.first().map(|e| e.year), Some(1956));
        // The events the story needs, by year.
        for year in [1956, 1986, 2006, 2012, 2016, 2017, 2018, 2020, 2022] {
            assert!(EVENTS.iter().any(|e| e.year == year), "nothing in {year}");
        }
        assert!(EVENTS.iter().all(|e| e.year >= TIMELINE_FROM));
    }

    #[test]
    fn eras_alternate_do_not_overlap_and_cite_listed_works() {
        for w in ERAS.windows(2) {
            assert_ne!(w[0].season, w[1].season, "{} then {}", w[0].from, w[1].from);
            let end = w[0].to.expect("only the last era is open");
            assert!(end < w[1].from, "{} overlaps {}", w[0].from, w[1].from);
        }
        assert!(ERAS.last().is_some_and(|e| e.to.is_none()));
        assert_eq!(
            ERAS.iter().filter(|e| e.season == Season::Winter).count(),
            2
        );
        for e in ERAS {
            assert!(e.to.is_none_or(|to| to >= e.from), "{}", e.from);
            assert!(!e.refs.is_empty(), "era {}: cites nothing", e.from);
            for key in e.refs {
                assert!(reference_year(key).is_some(), "era {}: {key}", e.from);
            }
            check_text("era name", e.name);
            check_text("era note", e.note);
        }
    }

    #[test]
    fn an_event_sits_mid_month_or_mid_year() {
        let e = EVENTS[0];
        assert!((e.at() - (1956.0 + 6.5 / 12.0)).abs() < 1e-3);
        let lighthill = EVENTS.iter().find(|e| e.id == "lighthill");
        assert_eq!(lighthill.map(Event::at), Some(1973.5));
    }
}
