/**
 * 采用计算值, asked first: how many cells will change and which findings will disappear and appear
 * (by rule, counted by class), worked out by the engine itself (shared/engine/preview.ts).
 */
import { SEVERITY_LABEL } from '../../shared/engine/findings';
import type { Severity } from '../../shared/engine/recalc';
import { countBySeverity, type CommandPreview, type FindingGroup } from '../../shared/engine/preview';
import type { Session } from '../model/session';
import { ConfirmDialog } from './ConfirmDialog';

interface Props {
  session: Session;
  preview: CommandPreview;
  onClose(): void;
}

export function AdoptDialog({ session, preview, onClose }: Props) {
  return (
    <ConfirmDialog
      title="采用计算值"
      confirmLabel="确定"
      onConfirm={() => {
        session.dispatch({ kind: 'adoptComputed' });
        onClose();
      }}
      onCancel={onClose}
    >
      <p>
        所有合计、小计将改为按公式计算的数：<strong data-testid="adopt-cells">{preview.cells}</strong>{' '}
        个单元格的数会改变（可撤销）。
      </p>
      <FindingGroups label="将消失的审核问题" testId="adopt-removed" groups={preview.removed} />
      <FindingGroups label="将新出现的审核问题" testId="adopt-added" groups={preview.added} />
      {preview.changed > 0 && <p>另有 {preview.changed} 处审核问题的数字会改变。</p>}
    </ConfirmDialog>
  );
}

/** "错误 3 处，尾差 27 处": the classes that have any. */
function countsText(counts: Record<Severity, number>): string {
  return (Object.keys(counts) as Severity[])
    .filter((s) => counts[s] > 0)
    .map((s) => `${SEVERITY_LABEL[s]} ${counts[s]} 处`)
    .join('，');
}

function FindingGroups({ label, testId, groups }: { label: string; testId: string; groups: FindingGroup[] }) {
  const summary = countsText(countBySeverity(groups));
  return (
    <section className="bd-preview-group" data-testid={testId}>
      <h3>
        {label}：{summary || '无'}
      </h3>
      {groups.length > 0 && (
        <ul>
          {groups.map((g) => (
            <li key={g.ruleId}>
              <code>{g.ruleId}</code> {g.title}（{countsText(g.counts)}）
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
