/**
 * The print preview window: choose the tables, zeros and unit, look at the pages, then print (the
 * browser's or the desktop program's print dialog, where a PDF can be saved). Printing a workbook
 * that still has errors asks first.
 */
import { useState } from 'react';
import { host } from '../host';
import type { PrintScale } from '../../shared/layout/pages';
import { tableCode } from '../../shared/model/template';
import type { Session } from '../model/session';
import { PrintView, type PrintOptions } from './PrintView';
import './print.css';

interface Props {
  session: Session;
  errorCount: number;
  onClose(): void;
}

/** 缩放 choices; the one chosen last is kept for the next printing (of any report). */
const SCALES: { value: PrintScale; label: string }[] = [
  { value: 'width', label: '适应页宽' },
  { value: 'page', label: '适应一页' },
  { value: 1, label: '100%' },
  { value: 0.9, label: '90%' },
  { value: 0.8, label: '80%' },
  { value: 0.7, label: '70%' },
];
const SCALE_KEY = 'budgetdesk.print.scale';

function savedScale(): PrintScale {
  const saved = localStorage.getItem(SCALE_KEY);
  return SCALES.find((s) => String(s.value) === saved)?.value ?? 'width';
}

export function PrintDialog({ session, errorCount, onClose }: Props) {
  const all = session.workbook.structure.tables.map((t) => t.id);
  const [options, setOptions] = useState<PrintOptions>({
    tables: all,
    zeroAsBlank: session.display.zeroAsBlank,
    unit: session.display.unit,
    scale: savedScale(),
  });
  const chooseScale = (scale: PrintScale) => {
    localStorage.setItem(SCALE_KEY, String(scale));
    setOptions({ ...options, scale });
  };
  const toggle = (id: string) =>
    setOptions((o) => ({
      ...o,
      tables: o.tables.includes(id)
        ? o.tables.filter((t) => t !== id)
        : all.filter((t) => t === id || o.tables.includes(t)),
    }));
  const confirmErrors = () =>
    errorCount === 0 || window.confirm(`报表还有 ${errorCount} 处错误，仍要打印吗？`);
  const print = () => {
    if (confirmErrors())
      void host.print().catch((e: unknown) => session.say(e instanceof Error ? e.message : String(e), true));
  };
  const savePdf = async (save: (name: string) => Promise<string | null>) => {
    if (!confirmErrors()) return;
    try {
      const saved = await save(`${session.fileName.replace(/\.(json|xlsx)$/iu, '')}.pdf`);
      if (saved) session.say(`已导出“${saved}”`);
    } catch (e) {
      session.say(e instanceof Error ? e.message : String(e), true);
    }
  };
  return (
    <div className="bd-print-overlay" role="dialog" aria-label="打印预览">
      <div className="bd-print-toolbar" role="toolbar">
        <strong>打印预览</strong>
        <span className="bd-print-tables">
          {all.map((id) => (
            <label key={id}>
              <input type="checkbox" checked={options.tables.includes(id)} onChange={() => toggle(id)} />
              {tableCode(session.workbook.structure.tableById.get(id)!.template)}
            </label>
          ))}
        </span>
        <label>
          <input
            type="checkbox"
            checked={options.zeroAsBlank}
            onChange={(e) => setOptions({ ...options, zeroAsBlank: e.target.checked })}
          />
          零值为空白
        </label>
        <label>
          单位
          <select
            aria-label="打印单位"
            value={options.unit ?? ''}
            disabled={options.unit === null}
            onChange={(e) => setOptions({ ...options, unit: e.target.value as '万元' | '元' })}
          >
            <option value="万元">万元</option>
            <option value="元">元</option>
          </select>
        </label>
        <label title="适应页宽：按页宽排字，只多出几行的表缩小一档印在一页上；适应一页：每张表缩到一页为止（最小 6 磅）；百分比：按页宽字号的比例">
          缩放
          <select
            aria-label="缩放"
            value={String(options.scale)}
            onChange={(e) => chooseScale(SCALES.find((s) => String(s.value) === e.target.value)!.value)}
          >
            {SCALES.map((s) => (
              <option key={s.label} value={String(s.value)}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={print}>
          打印…
        </button>
        {host.savePdf && (
          <button type="button" onClick={() => void savePdf(host.savePdf!.bind(host))}>
            导出 PDF…
          </button>
        )}
        <button type="button" onClick={onClose}>
          关闭
        </button>
      </div>
      <PrintView
        key={`${options.tables.join()}|${options.unit}|${options.zeroAsBlank}|${options.scale}`}
        session={session}
        options={options}
      />
    </div>
  );
}
