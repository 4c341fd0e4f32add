/**
 * Ends an executor that outlives its own final result (a known CLI failure: the process
 * hangs after printing `result`). Armed by the first result; `onHang` runs once if the
 * executor is still there `ms` later. A non-positive `ms` disables the guard.
 */
export class HangGuard {
  private timer: NodeJS.Timeout | undefined;
  /** True once the guard has ended the executor; the turn is then judged by its result. */
  fired = false;

  constructor(
    private readonly ms: number,
    private readonly onHang: () => boolean,
  ) {}

  arm(): void {
    if (this.timer || this.ms <= 0) return;
    this.timer = setTimeout(() => {
      this.fired = this.onHang();
    }, this.ms);
  }

  disarm(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
