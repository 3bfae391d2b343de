/**
 * A byte-level text builder for the large ephemeris files: numbers are written digit by digit
 * into a reused byte buffer (no string per number), which is what brings a 48 h, 1 s OEM
 * (345,602 lines) under a second; `toFixed` and template strings spend most of that time
 * building and collecting garbage strings. ASCII only.
 */

const CHUNK_BYTES = 1 << 15;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12];
const DIGIT0 = 48;

/** Appends text and fixed-point numbers; `toString` gives it all. */
export class AsciiWriter {
  private readonly buf = new Uint8Array(CHUNK_BYTES + 256);
  private pos = 0;
  private readonly parts: string[] = [];
  private readonly scratch = new Uint8Array(32);

  /** Appends a string (ASCII). */
  text(s: string): this {
    if (this.pos + s.length > CHUNK_BYTES) this.flush();
    if (s.length > 256) {
      this.flush();
      this.parts.push(s);
      return this;
    }
    for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i);
    return this;
  }

  /** Appends one character code. */
  char(code: number): this {
    this.buf[this.pos++] = code;
    return this;
  }

  /**
   * Appends `x` with `digits` decimals (0..12), rounded to the nearest (x * 10^digits is rounded
   * in double precision, so a value within 1e-16 relative of a tie may round the other way than
   * `toFixed`); no sign when it rounds to zero. Beyond 1e15 units of the last digit: `toFixed`.
   */
  fixed(x: number, digits: number): this {
    if (!Number.isFinite(x)) return this.text(String(x));
    const scale = POW10[digits]!;
    const n = Math.round(Math.abs(x) * scale);
    if (n >= 1e15) return this.text(x.toFixed(digits));
    if (this.pos > CHUNK_BYTES) this.flush();
    const b = this.buf;
    if (x < 0 && n !== 0) b[this.pos++] = 45; // '-'
    let whole = Math.floor(n / scale);
    let frac = n - whole * scale;
    // whole part, reversed into scratch
    const s = this.scratch;
    let k = 0;
    do {
      const q = Math.floor(whole / 10);
      s[k++] = DIGIT0 + (whole - q * 10);
      whole = q;
    } while (whole > 0);
    while (k > 0) b[this.pos++] = s[--k]!;
    if (digits > 0) {
      b[this.pos++] = 46; // '.'
      for (let i = digits - 1; i >= 0; i--) {
        const q = Math.floor(frac / 10);
        b[this.pos + i] = DIGIT0 + (frac - q * 10);
        frac = q;
      }
      this.pos += digits;
    }
    return this;
  }

  private flush(): void {
    if (this.pos === 0) return;
    // fromCharCode over at most 32 KiB: within every engine's argument limit
    this.parts.push(
      String.fromCharCode.apply(null, this.buf.subarray(0, this.pos) as unknown as number[]),
    );
    this.pos = 0;
  }

  /** Everything written. */
  toString(): string {
    this.flush();
    return this.parts.join('');
  }
}
