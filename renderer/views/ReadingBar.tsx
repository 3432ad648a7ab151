/**
 * The file being read, over the window without blocking it: its name, how far reading has got and
 * a 取消 button. The report open underneath stays usable meanwhile.
 */

/** A file being read, for the bar. */
export interface ReadingFile {
  name: string;
  /** 0 to 1. */
  fraction: number;
  cancel(): void;
}

export function ReadingBar({ reading }: { reading: ReadingFile }) {
  const percent = Math.round(reading.fraction * 100);
  return (
    // A region of its own, not a second "status": the window's status line stays the only one.
    <section className="bd-reading" aria-label="读取进度">
      <span>
        正在读取“{reading.name}”… {percent}%
      </span>
      <progress max={100} value={percent} />
      <button type="button" onClick={reading.cancel}>
        取消
      </button>
    </section>
  );
}
