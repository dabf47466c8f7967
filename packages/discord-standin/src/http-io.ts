/** Reading request bodies (JSON or multipart with payload_json) and writing Discord-style responses. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './errors.js';
import type { UploadedFile } from './messages.js';

export interface ParsedBody {
  body: unknown;
  files: UploadedFile[];
}

const MAX_BODY_BYTES = 25 * 1024 * 1024;

export async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 40005, 'Request entity too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** JSON, or multipart/form-data whose `payload_json` part is the JSON and `files[n]` parts are uploads. */
export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  if (raw.length === 0) return { body: null, files: [] };
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) return parseMultipart(raw, contentType ?? '');
  try {
    return { body: JSON.parse(raw.toString('utf8')), files: [] };
  } catch {
    throw new ApiError(400, 50109, 'The request body contains invalid JSON.');
  }
}

async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  // Node's fetch Request parses multipart without extra dependencies.
  const form = await new Request('http://standin.local/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: raw,
  }).formData();
  let body: unknown = null;
  const files: UploadedFile[] = [];
  const fields: Record<string, unknown> = {};
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'payload_json') {
        try {
          body = JSON.parse(value);
        } catch {
          throw new ApiError(400, 50109, 'The request body contains invalid JSON.');
        }
      } else {
        fields[field] = value;
      }
    } else {
      files.push({ field, filename: value.name, size: value.size, contentType: value.type || 'application/octet-stream' });
    }
  }
  return { body: body ?? (Object.keys(fields).length > 0 ? fields : null), files };
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204 || body === undefined) {
    res.writeHead(status === 200 && body === undefined ? 204 : status, headers);
    res.end();
    return;
  }
  const json = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json).toString(),
  });
  res.end(json);
}
