# The model, as gradlab builds it (src/models/transformer.rs): an encoder-decoder Transformer
# (Vaswani et al. 2017, "Attention Is All You Need") in the pre-LayerNorm arrangement, x + f(LN(x)),
# with one token embedding shared by source and target, positions added to it, a final LayerNorm
# on each stack and an untied projection to the vocabulary.


class Attention(nn.Module):
    """Multi-head scaled dot-product attention: softmax(q·kᵀ/√d_head + mask)·v per head."""

    def __init__(self):
        super().__init__()
        self.heads = HEADS
        self.d_head = D_MODEL // HEADS
        self.query = nn.Linear(D_MODEL, D_MODEL)
        self.key = nn.Linear(D_MODEL, D_MODEL)
        self.value = nn.Linear(D_MODEL, D_MODEL)
        self.output = nn.Linear(D_MODEL, D_MODEL)

    def split(self, x):
        b, t, _ = x.shape
        return x.view(b, t, self.heads, self.d_head).transpose(1, 2)  # (B, h, T, d_head)

    def forward(self, x, context, visible):
        """x: (B, Tq, d_model), context: (B, Tk, d_model), visible: bool, broadcasts to
        (B, h, Tq, Tk), True where a query may read a key."""
        q = self.split(self.query(x))  # (B, h, Tq, d_head)
        k = self.split(self.key(context))  # (B, h, Tk, d_head)
        v = self.split(self.value(context))  # (B, h, Tk, d_head)
        scores = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(self.d_head))  # (B, h, Tq, Tk)
        scores = scores.masked_fill(~visible, float("-inf"))
        # A row that sees no key comes out as zeros, as in gradlab, rather than NaN.
        weights = torch.softmax(scores, dim=-1).nan_to_num(0.0)
        heads = weights @ v  # (B, h, Tq, d_head)
        b, _, tq, _ = heads.shape
        merged = heads.transpose(1, 2).reshape(b, tq, D_MODEL)  # (B, Tq, d_model)
        return self.output(merged)


class FeedForward(nn.Module):
    """down(relu(up(x))), position by position."""

    def __init__(self):
        super().__init__()
        self.up = nn.Linear(D_MODEL, D_FF)
        self.down = nn.Linear(D_FF, D_MODEL)

    def forward(self, x):
        return self.down(torch.relu(self.up(x)))


class EncoderLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm1 = nn.LayerNorm(D_MODEL, eps=LAYER_NORM_EPS)
        self.attention = Attention()
        self.norm2 = nn.LayerNorm(D_MODEL, eps=LAYER_NORM_EPS)
        self.ffn = FeedForward()
        self.dropout = nn.Dropout(DROPOUT)

    def forward(self, x, visible):
        h = self.norm1(x)
        x = x + self.dropout(self.attention(h, h, visible))
        return x + self.dropout(self.ffn(self.norm2(x)))


class DecoderLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm1 = nn.LayerNorm(D_MODEL, eps=LAYER_NORM_EPS)
        self.self_attention = Attention()
        self.norm2 = nn.LayerNorm(D_MODEL, eps=LAYER_NORM_EPS)
        self.cross_attention = Attention()
        self.norm3 = nn.LayerNorm(D_MODEL, eps=LAYER_NORM_EPS)
        self.ffn = FeedForward()
        self.dropout = nn.Dropout(DROPOUT)

    def forward(self, x, self_visible, memory, memory_visible):
        h = self.norm1(x)
        x = x + self.dropout(self.self_attention(h, h, self_visible))
        # Queries from the target, keys and values from the encoded source.
        x = x + self.dropout(self.cross_attention(self.norm2(x), memory, memory_visible))
        return x + self.dropout(self.ffn(self.norm3(x)))


def sinusoids(max_len, d_model):
    """PE(pos, 2i) = sin(pos / 10000^(2i/d)), PE(pos, 2i + 1) = cos(pos / 10000^(2i/d)), in
    double precision and rounded once, as gradlab computes them."""
    rows = []
    for pos in range(max_len):
        row = []
        for j in range(d_model):
            angle = pos / 10000.0 ** ((j - j % 2) / d_model)
            row.append(math.sin(angle) if j % 2 == 0 else math.cos(angle))
        rows.append(row)
    return torch.tensor(rows, dtype=torch.float32)  # (max_len, d_model)


class SinusoidalPositions(nn.Module):
    def __init__(self):
        super().__init__()
        # Fixed, so not part of the state_dict.
        self.register_buffer("table", sinusoids(MAX_LEN, D_MODEL), persistent=False)

    def forward(self, x):
        return x + self.table[: x.shape[1]]


class LearnedPositions(nn.Module):
    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(MAX_LEN, D_MODEL))  # (max_len, d_model)

    def forward(self, x):
        return x + self.weight[: x.shape[1]]


def key_mask(lengths, t_keys):
    """(B) lengths → (B, 1, 1, T) booleans, True for the keys that hold a token."""
    return (torch.arange(t_keys) < lengths[:, None])[:, None, None, :]


class Transformer(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(VOCAB, D_MODEL)
        self.positions = SinusoidalPositions() if POSITIONS == "sinusoidal" else LearnedPositions()
        self.encoder = nn.ModuleList(EncoderLayer() for _ in range(ENC_LAYERS))
        self.decoder = nn.ModuleList(DecoderLayer() for _ in range(DEC_LAYERS))
        self.encoder_norm = nn.LayerNorm(D_MODEL, eps=LAYER_NORM_EPS)
        self.decoder_norm = nn.LayerNorm(D_MODEL, eps=LAYER_NORM_EPS)
        self.output = nn.Linear(D_MODEL, VOCAB)
        self.dropout = nn.Dropout(DROPOUT)

    def embed(self, ids):
        return self.dropout(self.positions(self.embedding(ids)))  # (B, T, d_model)

    def encode(self, src, src_lens):
        """src: (B, S) ids, padded; src_lens: (B) → memory (B, S, d_model)."""
        visible = key_mask(src_lens, src.shape[1])  # (B, 1, 1, S)
        x = self.embed(src)
        for layer in self.encoder:
            x = layer(x, visible)
        return self.encoder_norm(x)

    def decode(self, memory, src_lens, tgt_in, tgt_lens):
        """tgt_in: (B, T) ids, BOS first, padded; tgt_lens: (B) → logits (B, T, vocab)."""
        t = tgt_in.shape[1]
        causal = torch.ones(t, t, dtype=torch.bool).tril()  # (T, T): position i reads j ≤ i
        self_visible = causal & key_mask(tgt_lens, t)  # (B, 1, T, T)
        memory_visible = key_mask(src_lens, memory.shape[1])  # (B, 1, 1, S)
        x = self.embed(tgt_in)
        for layer in self.decoder:
            x = layer(x, self_visible, memory, memory_visible)
        return self.output(self.decoder_norm(x))

    def forward(self, src, src_lens, tgt_in, tgt_lens):
        return self.decode(self.encode(src, src_lens), src_lens, tgt_in, tgt_lens)


def encode_text(text):
    ids = []
    for c in text:
        if c not in CHARS:
            raise ValueError(f"{c!r} is not in the vocabulary")
        ids.append(FIRST_CHAR + CHARS.index(c))
    return ids


def decode_text(ids):
    """Characters up to the first EOS; other special tokens are skipped."""
    text = []
    for i in ids:
        if i == EOS:
            break
        if i >= FIRST_CHAR:
            text.append(CHARS[i - FIRST_CHAR] if i - FIRST_CHAR < len(CHARS) else "\ufffd")
    return "".join(text)


@torch.no_grad()
def translate(model, source):
    """Greedy decoding as gradlab's (src/models/transformer_decode.rs): the most likely next
    token at each step, never PAD or BOS, up to EOS or MAX_OUTPUT tokens. Returns the output
    ids and the logits of every step, (steps, vocab)."""
    src = torch.tensor([encode_text(source)])  # (1, S)
    src_lens = torch.tensor([src.shape[1]])
    memory = model.encode(src, src_lens)
    prefix, output = [BOS], []
    for _ in range(MAX_OUTPUT):
        tgt_in = torch.tensor([prefix])  # (1, t)
        logits = model.decode(memory, src_lens, tgt_in, torch.tensor([len(prefix)]))  # (1, t, V)
        token = EOS + int(torch.argmax(logits[0, -1, EOS:]))
        output.append(token)
        if token == EOS:
            break
        prefix.append(token)
    return output, logits[0]


def main():
    model = load(Transformer())
    tokens, log_probs = [], []
    for source, target in EXAMPLES:
        ids, logits = translate(model, source)
        output = decode_text(ids)
        mark = "" if output == target else f"   (expected {target})"
        print(f"{source} → {output}{mark}")
        tokens.append(ids)
        # In double precision, so that a confident step's log(1 + ε) is not rounded away.
        log_probs.append(logits.double().log_softmax(dim=-1).tolist())  # (steps, vocab)
    emit({"tokens": tokens, "log_probs": log_probs})
