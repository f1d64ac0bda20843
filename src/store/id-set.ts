/** A set of contact ids (touched by an import, say), as a growable bitset (1M ids = 125 KB). */
export class IdSet {
  private bits = new Uint8Array(1 << 16);
  has(id: number): boolean {
    return id >> 3 < this.bits.length && (this.bits[id >> 3]! & (1 << (id & 7))) !== 0;
  }
  add(id: number): void {
    if (id >> 3 >= this.bits.length) {
      const grown = new Uint8Array(Math.max(this.bits.length * 2, (id >> 3) + 1));
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[id >> 3]! |= 1 << (id & 7);
  }
  delete(id: number): void {
    if (id >> 3 < this.bits.length) this.bits[id >> 3]! &= ~(1 << (id & 7));
  }
}
