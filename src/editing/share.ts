/**
 * Share links: the scenario text, deflated (fflate) and base64url-encoded into the URL fragment,
 * so a link carries the whole plan and nothing is sent to any server (fragments never leave the
 * browser).
 *
 * A link is untrusted input: its length is limited, the inflated size is capped (the output buffer
 * is allocated at the cap, so a decompression bomb cannot exhaust memory), and the text then goes
 * through the same loader as a file.
 *
 * References:
 * [1] RFC 1951 (DEFLATE), RFC 4648 sec. 5 (base64url), fflate documentation.
 */

import { deflateSync, inflateSync, strToU8 } from 'fflate';

/**
 * Largest scenario a link may hold, bytes: the loader's `MAX_SCENARIO_BYTES` (5 MB,
 * src/scenario/validate.ts; a test checks they agree). Not imported from there: the page reads
 * links in its first load, which must not pull in the loader (zod, mathjs).
 */
export const MAX_SHARED_BYTES = 5 * 1024 * 1024;

/** Fragment key of a shared scenario: `#scenario=...`. */
export const SHARE_KEY = 'scenario';
/** Longest encoded scenario accepted in a link, characters (browsers keep far longer URLs). */
export const MAX_SHARE_CHARS = 200_000;

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** The fragment (without `#`) that carries `text`. */
export function encodeShareFragment(text: string): string {
  return `${SHARE_KEY}=${toBase64Url(deflateSync(strToU8(text), { level: 9 }))}`;
}

/** What a fragment held. */
export type ShareDecode =
  { kind: 'none' } | { kind: 'text'; text: string } | { kind: 'error'; message: string };

/** Reads a location hash (`#scenario=...`, with or without `#`). */
export function decodeShareFragment(hash: string): ShareDecode {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  const params = new URLSearchParams(fragment);
  const encoded = params.get(SHARE_KEY);
  if (encoded === null) return { kind: 'none' };
  if (encoded === '') {
    return { kind: 'error', message: 'the share link is empty: it holds no scenario' };
  }
  if (encoded.length > MAX_SHARE_CHARS) {
    return {
      kind: 'error',
      message: `the shared scenario is ${encoded.length} characters long; the limit is ${MAX_SHARE_CHARS}`,
    };
  }
  if (!/^[A-Za-z0-9_-]*$/.test(encoded)) {
    return {
      kind: 'error',
      message: 'the share link is damaged: it has characters a link never contains',
    };
  }
  let bytes: Uint8Array;
  try {
    const out = new Uint8Array(MAX_SHARED_BYTES + 1);
    bytes = inflateSync(fromBase64Url(encoded), { out });
  } catch {
    return {
      kind: 'error',
      message: 'the share link is damaged: it does not decompress (was it cut short?)',
    };
  }
  if (bytes.length > MAX_SHARED_BYTES) {
    return {
      kind: 'error',
      message: `the shared scenario is larger than ${MAX_SHARED_BYTES / 1048576} MB`,
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { kind: 'error', message: 'the share link is damaged: it does not hold text' };
  }
  return { kind: 'text', text };
}
