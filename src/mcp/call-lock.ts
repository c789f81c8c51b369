/**
 * The MCP server's calls run at once where they only read, and one at a time where they write:
 * a lint of a big page must not hold up `list_rules`, and `fix_files` with `apply` must not write
 * a file while another call reads it. A writer waits for the readers under way; calls that come
 * after a waiting writer wait behind it (so a writer is never starved), in arrival order.
 */
export class ReadWriteLock {
  private readers = 0;
  private writing = false;
  private readonly waiting: { exclusive: boolean; start: () => void }[] = [];

  /** Runs `work` alongside other shared work (not during exclusive work). */
  shared<T>(work: () => Promise<T>): Promise<T> {
    return this.run(false, work);
  }

  /** Runs `work` alone. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.run(true, work);
  }

  private async run<T>(exclusive: boolean, work: () => Promise<T>): Promise<T> {
    if (this.waiting.length === 0 && this.free(exclusive)) this.take(exclusive);
    // The one who releases the lock takes it for us before it wakes us.
    else await new Promise<void>((start) => this.waiting.push({ exclusive, start }));
    try {
      return await work();
    } finally {
      if (exclusive) this.writing = false;
      else this.readers--;
      this.wake();
    }
  }

  private free(exclusive: boolean): boolean {
    return !this.writing && (!exclusive || this.readers === 0);
  }

  private take(exclusive: boolean): void {
    if (exclusive) this.writing = true;
    else this.readers++;
  }

  private wake(): void {
    while (this.waiting.length > 0 && this.free(this.waiting[0]!.exclusive)) {
      const next = this.waiting.shift()!;
      this.take(next.exclusive);
      next.start();
    }
  }
}
