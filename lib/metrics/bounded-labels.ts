// Label values kept bounded: whatever a value is made of (an API slug, a model id, a problem code),
// at most `max` distinct values get their own series; later newcomers all count as "other". The
// children of each value are made once and kept, so a call builds no label string.

export const OTHER = "other";

export class BoundedLabels<T> {
  private readonly byValue = new Map<string, T>();
  private other: T | undefined;

  constructor(
    private readonly max: number,
    private readonly create: (value: string) => T,
  ) {}

  get(value: string): T {
    const found = this.byValue.get(value);
    if (found !== undefined) return found;
    if (this.byValue.size >= this.max) return (this.other ??= this.create(OTHER));
    const created = this.create(value);
    this.byValue.set(value, created);
    return created;
  }
}
