/** A fixed-capacity ring buffer: keeps the last `cap` items, oldest first on read. */
export class Ring<T> {
  private buf: T[] = [];
  private at = 0;
  constructor(readonly cap: number) {}
  push(x: T): void {
    if (this.buf.length < this.cap) this.buf.push(x);
    else {
      this.buf[this.at] = x;
      this.at = (this.at + 1) % this.cap;
    }
  }
  toArray(): T[] {
    return [...this.buf.slice(this.at), ...this.buf.slice(0, this.at)];
  }
}
