// The typed arrays of one batch's columns, carved from a few shared buffers. A wide survey makes two
// arrays per field per batch (hundreds per batch of a few hundred records), and a buffer apiece cost
// more to allocate and collect than to fill. The arrays of a batch live and die together, so sharing
// their buffers keeps nothing alive longer than the batch.

/** Bytes of each shared buffer; a larger request gets one of its own size. */
const SLAB_BYTES = 256 * 1024;

export class ColumnArena {
  private slab: ArrayBuffer | undefined;
  private used = 0;

  uint8(length: number): Uint8Array {
    const at = this.reserve(length);
    return new Uint8Array(this.slab as ArrayBuffer, at, length);
  }

  int32(length: number): Int32Array {
    const at = this.reserve(length * 4);
    return new Int32Array(this.slab as ArrayBuffer, at, length);
  }

  float64(length: number): Float64Array {
    const at = this.reserve(length * 8);
    return new Float64Array(this.slab as ArrayBuffer, at, length);
  }

  /** Where `bytes` (zeroed) start in the current buffer, at a multiple of 8 for any element type. */
  private reserve(bytes: number): number {
    const size = Math.ceil(bytes / 8) * 8;
    if (this.slab === undefined || this.used + size > this.slab.byteLength) {
      this.slab = new ArrayBuffer(Math.max(SLAB_BYTES, size));
      this.used = 0;
    }
    const at = this.used;
    this.used += size;
    return at;
  }
}
