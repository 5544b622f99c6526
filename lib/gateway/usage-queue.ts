// The usage writer's buffer: events in arrival order, taken from the front in batches, put back in
// front when a write fails, and dropped from the front at the bound. An array with a moving start,
// so none of these moves the events behind (Array.shift and splice(0, n) copy the whole array: at
// 100,000 waiting events that is a fraction of a millisecond per call, on the hot path).
export class UsageQueue<T> {
  private items: (T | undefined)[] = [];
  private start = 0;

  get length(): number {
    return this.items.length - this.start;
  }

  /** The oldest item, left in place. */
  peek(): T | undefined {
    return this.length > 0 ? this.items[this.start] : undefined;
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** Removes and returns the oldest `count` items (fewer when fewer wait). */
  take(count: number): T[] {
    const end = Math.min(this.start + count, this.items.length);
    const taken = this.items.slice(this.start, end) as T[];
    this.forget(end);
    return taken;
  }

  /** Puts items back in front, in their order (a batch whose write failed). */
  putBack(items: T[]): void {
    if (items.length <= this.start) {
      this.start -= items.length;
      for (let i = 0; i < items.length; i++) this.items[this.start + i] = items[i];
    } else {
      this.items = [...items, ...this.items.slice(this.start)];
      this.start = 0;
    }
  }

  /** Drops the oldest `count` items. */
  drop(count: number): void {
    this.forget(Math.min(this.start + count, this.items.length));
  }

  /** Lets go of the items before `end`; the array is compacted once most of it is spent. */
  private forget(end: number): void {
    for (let i = this.start; i < end; i++) this.items[i] = undefined;
    this.start = end;
    if (this.start > 1024 && this.start * 2 > this.items.length) {
      this.items = this.items.slice(this.start);
      this.start = 0;
    }
  }
}
