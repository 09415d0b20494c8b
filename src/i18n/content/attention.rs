//! The self-attention chapter's introduction, with scaled dot-product attention (Vaswani et al., 2017).

use super::Block;

// Formulas are shared by both languages, so the two versions cannot drift apart.

/// Scaled dot-product attention.
const MATH_ATTENTION: &str = concat!(
    r#"<math display="block">"#,
    "<mi>Attention</mi><mo>(</mo><mi>Q</mi><mo>,</mo><mi>K</mi><mo>,</mo><mi>V</mi><mo>)</mo>",
    "<mo>=</mo><mi>softmax</mi>",
    "<mrow><mo>(</mo><mfrac>",
    "<mrow><mi>Q</mi><msup><mi>K</mi><mi>⊤</mi></msup></mrow>",
    "<msqrt><msub><mi>d</mi><mi>k</mi></msub></msqrt>",
    "</mfrac><mo>)</mo></mrow><mi>V</mi>",
    "</math>"
);

pub(super) const ATTENTION_EN: &[Block] = &[
    Block::Para(
        "A sentence reaches a model as a sequence of tokens, each turned into a vector. \
         Self-attention lets every token gather information from every other token, weighted \
         by content, not by position. It is the operation \
         every modern language model is built on.",
    ),
    Block::Para(
        "Three learned matrices turn each token's vector into a query q, a key k and a value v. \
         Think of a lookup: the query says what this token is looking for, the key says what \
         each token offers, and the value is what it hands over. The score of token i on token j \
         is the dot product of q_i and k_j. A softmax over each row turns the scores into weights \
         that are positive and sum to one, and the output for token i is the weighted average of \
         the values. For all tokens at once, with the queries, keys and values stacked as the \
         rows of Q, K and V:",
    ),
    Block::Math(MATH_ATTENTION),
    Block::Para(
        "Why divide by √dₖ? If the entries of q and k are independent with mean 0 and variance \
         1, their dot product is a sum of dₖ such products, so its variance is dₖ. With 64-wide \
         keys, scores would typically be around ±8, and the softmax would put nearly all the \
         weight on one token, leaving almost no gradient for the others. Dividing by √dₖ brings \
         the variance back to about 1.",
    ),
    Block::Heading("Masks and heads"),
    Block::Para(
        "A mask sets chosen scores to −∞ before the softmax, so they get zero weight. The causal \
         mask hides every token after position i from token i: a model that learns to predict \
         the next token must not see it. A padding mask hides the filler added to make \
         sequences the same length.",
    ),
    Block::Para(
        "One attention pattern expresses one kind of relation. Multi-head attention runs h \
         attentions side by side, each in its own smaller space (typically dₖ = d/h), then \
         concatenates and mixes their outputs. One head can follow the previous word while \
         another links a verb to its subject. The figure below steps through it on a sentence you \
         type.",
    ),
];

pub(super) const ATTENTION_ZH: &[Block] = &[
    Block::Para(
        "一句话进入模型时，是一串词元（token），每个词元都被转换成一个向量。自注意力让每个词元都\
         能从其他所有词元那里收集信息，权重由内容决定，而不是由位置决定。所有现代语言模型\
         都建立在这一运算之上。",
    ),
    Block::Para(
        "三个可学习的矩阵把每个词元的向量分别变换成查询 q、键 k 和值 v。可以把它想成一次查表：\
         查询说明这个词元在找什么，键说明每个词元能提供什么，值则是它真正交出去的内容。词元 i 对\
         词元 j 的打分是 q_i 与 k_j 的点积。对每一行做 softmax，把分数变成为正且和为 1 的权重，\
         词元 i 的输出就是各个值的加权平均。把所有词元的查询、键、值分别按行堆成矩阵 Q、K、V，\
         就可以一次算完：",
    ),
    Block::Math(MATH_ATTENTION),
    Block::Para(
        "为什么要除以 √dₖ？如果 q 和 k 的各个分量相互独立、均值为 0、方差为 1，它们的点积就是 \
         dₖ 个乘积之和，方差为 dₖ。键的维度为 64 时，分数通常在 ±8 左右，softmax 会把几乎全部\
         权重压到一个词元上，其余词元几乎得不到梯度。除以 √dₖ 后，方差又回到 1 左右。",
    ),
    Block::Heading("掩码与多头"),
    Block::Para(
        "掩码在 softmax 之前把指定的分数设为 −∞，使它们的权重变为零。因果掩码对词元 i 隐藏位置 \
         i 之后的所有词元：一个学习预测下一个词元的模型，不能提前看到答案。填充掩码则遮住为了让序列\
         等长而补上的填充词元。",
    ),
    Block::Para(
        "一种注意力模式只能表达一种关系。多头注意力并行运行 h 组注意力，每组在各自更小的空间里\
         计算（通常 dₖ = d/h），再把输出拼接起来并混合。这样，一个头可以追踪前一个词，另一个头\
         可以把动词和它的主语联系起来。下面的图会在你输入的句子上一步步演示这个过程。",
    ),
];
