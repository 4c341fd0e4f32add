/** Directory holding the `claude` and `codex` doubles; prepend it to PATH to use them by name. */
export declare const binDir: string;
/** Absolute path of the `claude` double. */
export declare const claudePath: string;
/** Absolute path of the `codex` double. */
export declare const codexPath: string;
