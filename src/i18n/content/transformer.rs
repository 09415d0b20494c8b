//! The Transformer chapter's introduction, with the pre-LN residual sub-layer.

use super::Block;

// Formulas are shared by both languages, so the two versions cannot drift apart.

/// One pre-LN residual sub-layer.
const MATH_PRE_LN: &str = concat!(
    r#"<math display="block">"#,
    "<msub><mi>x</mi><mrow><mi>l</mi><mo>+</mo><mn>1</mn></mrow></msub><mo>=</mo>",
    "<msub><mi>x</mi><mi>l</mi></msub><mo>+</mo>",
    "<mi>F</mi><mo>(</mo><mi>LN</mi><mo>(</mo>",
    "<msub><mi>x</mi><mi>l</mi></msub><mo>)</mo><mo>)</mo>",
    "</math>"
);

pub(super) const TRANSFORMER_EN: &[Block] = &[
    Block::Para(
        "The Transformer ([Vaswani et al. 2017](vaswani2017)) was built for translation: read a sentence in one \
         language, write it in another. It has two stacks of layers. The encoder reads the whole \
         source at once with self-attention, so every source token sees every other. The \
         decoder writes the output one token at a time.",
    ),
    Block::Para(
        "Each decoder layer attends twice. Masked self-attention looks back over the tokens \
         written so far, never ahead. Cross-attention then takes its queries from the decoder \
         and its keys and values from the encoder's output: this is where the model decides \
         which source tokens matter next. After attention, every layer \
         passes each position through the same small feed-forward network.",
    ),
    Block::Para(
        "Attention alone ignores order: shuffle the tokens and the outputs shuffle with them. \
         Positional encodings, added to the token embeddings, tell the model where each token \
         sits. The original paper used fixed sines and cosines of different frequencies; many \
         models learn them instead.",
    ),
    Block::Para(
        "Deep stacks train well thanks to residual connections and layer normalisation. In the \
         pre-LN layout, each sub-layer F (attention or feed-forward) normalises its input and \
         adds its result back to the stream. It trains stably without the long learning-rate \
         warm-up of the original layout ([Xiong et al. 2020](xiong2020)):",
    ),
    Block::Math(MATH_PRE_LN),
    Block::Heading("Training and decoding"),
    Block::Para(
        "Training uses teacher forcing: the decoder is fed the correct previous tokens, not its \
         own guesses, so every output position gets its loss in one parallel pass, and the \
         causal mask keeps it honest. At test time there is no correct answer to feed. Greedy \
         decoding starts from a start token, picks the most probable next token, appends it and \
         repeats until an end token.",
    ),
    Block::Para("The lab trains a tiny Transformer from random weights on toy translations:"),
    Block::List(&[
        "Dates to ISO 8601: “March 5, 2021” → “2021-03-05”.",
        "English number words to Chinese numerals: “forty-two” → “四十二”.",
        "Reversal: “gradlab” → “baldarg”.",
    ]),
    Block::Para(
        "Watch the cross-attention map as it trains: a blur at first, it lines up, and for \
         reversal becomes an anti-diagonal. Large translation and language models are built \
         from the same parts, many orders of magnitude bigger.",
    ),
];

pub(super) const TRANSFORMER_ZH: &[Block] = &[
    Block::Para(
        "Transformer（[Vaswani 等，2017](vaswani2017)）最初是为机器翻译设计的：读入一种语言的句子，写出另一种\
         语言的句子。它由两叠网络层组成。编码器借助自注意力一次读入整个源句，让源句中的每个\
         词元都能看到其他所有词元。解码器则一个词元一个词元地写出译文。",
    ),
    Block::Para(
        "解码器的每一层都要做两次注意力。掩码自注意力只回看已经写出的词元，绝不偷看后面的内容。\
         接着，交叉注意力的查询来自解码器，键和值来自编码器的输出：模型正是在这里决定，接下来应该\
         关注源句中的哪些词元。注意力之后，每一层还会把每个位置送进同一个小型前馈网络。",
    ),
    Block::Para(
        "注意力本身不考虑顺序：把词元打乱，输出也只是跟着打乱。位置编码加在词元嵌入上，告诉模型\
         每个词元位于哪里。原始论文使用不同频率的正弦和余弦函数作为固定编码；许多模型则改为让\
         网络自己学习位置编码。",
    ),
    Block::Para(
        "深层网络之所以能训练好，靠的是残差连接和层归一化。在 Pre-LN 结构中，每个子层 F（注意力\
         或前馈网络）先对输入做归一化，再把结果加回主干。这种结构训练稳定，不需要原始结构\
         所依赖的长时间学习率预热（[Xiong 等，2020](xiong2020)）：",
    ),
    Block::Math(MATH_PRE_LN),
    Block::Heading("训练与解码"),
    Block::Para(
        "训练时采用教师强制：喂给解码器的是正确的前文词元，而不是它自己的猜测，因此一次并行计算\
         就能得到所有输出位置的损失，因果掩码保证它无法作弊。测试时没有正确答案可喂。贪心解码\
         从起始词元开始，每次选出概率最大的下一个词元并接在后面，如此反复，直到生成结束词元。",
    ),
    Block::Para("本实验室从随机初始化开始，在几个玩具翻译任务上训练一个很小的 Transformer："),
    Block::List(&[
        "日期转 ISO 8601 格式：“March 5, 2021” → “2021-03-05”。",
        "英文数字单词转中文数字：“forty-two” → “四十二”。",
        "字符串倒序：“gradlab” → “baldarg”。",
    ]),
    Block::Para(
        "训练时留意交叉注意力图：它一开始模糊一片，随后逐渐对齐；在倒序任务里，它会变成一条反\
         对角线。大型翻译模型和语言模型用的是同样的部件，只是规模大了许多个数量级。",
    ),
];
