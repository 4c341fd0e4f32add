const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const INTERVAL_MS = 80;

/**
 * A one-line progress indicator on stderr. It is drawn only on a terminal, and erased
 * before anything else is printed so it never ends up inside captured output.
 */
export class Spinner {
  private timer: NodeJS.Timeout | undefined;
  private frame = 0;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private label: string,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.draw(), INTERVAL_MS);
    this.timer.unref();
    this.draw();
  }

  setLabel(label: string): void {
    this.label = label;
  }

  /** Erases the line; the next tick draws it again below whatever was printed. */
  clear(): void {
    if (!this.drawn) return;
    this.stream.write('\r\u001b[K');
    this.drawn = false;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
  }

  private draw(): void {
    const symbol = FRAMES[this.frame % FRAMES.length] ?? '';
    this.frame += 1;
    this.stream.write(`\r\u001b[K${symbol} ${this.label}`);
    this.drawn = true;
  }
}
