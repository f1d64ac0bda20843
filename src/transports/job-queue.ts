/**
 * A FIFO queue with O(1) push and shift at any length (Array#shift is O(n) on long arrays, and a
 * dispatcher may hand thousands of messages to a slow bind at once).
 */
export interface JobQueue<T> {
  readonly length: number;
  push(item: T): void;
  shift(): T | undefined;
  /** Removes and returns every item, oldest first. */
  drain(): T[];
}

export function createJobQueue<T>(): JobQueue<T> {
  let items: T[] = [];
  let head = 0;
  return {
    get length() {
      return items.length - head;
    },
    push(item) {
      items.push(item);
    },
    shift() {
      if (head >= items.length) return undefined;
      const item = items[head]!;
      head += 1;
      if (head > 1024 && head * 2 > items.length) {
        items = items.slice(head);
        head = 0;
      }
      return item;
    },
    drain() {
      const all = items.slice(head);
      items = [];
      head = 0;
      return all;
    },
  };
}
