import { tooth } from '../lib/shared/teeth';
import type { Visual } from '../lib/shared/simulation-view';

/** The picture beside a step. Each kind carries its own text, so nothing depends on seeing it. */
export function SimVisual({ visual }: { visual: Visual }) {
  if (visual.kind === 'tooth-chart') {
    const marked = visual.teeth.map((n) => tooth(n));
    const on = new Set(visual.teeth);
    const row = (nums: number[]) => (
      <div className="sim-teeth-row">
        {nums.map((n) => (
          <span key={n} className={on.has(n) ? 'sim-tooth on' : 'sim-tooth'} title={`#${n} · FDI ${tooth(n).fdi} · ${tooth(n).name}`} aria-hidden="true">
            {n}
          </span>
        ))}
      </div>
    );
    return (
      <figure className="sim-visual">
        <div className="sim-teeth">
          {row(Array.from({ length: 16 }, (_, i) => i + 1))}
          {row(Array.from({ length: 16 }, (_, i) => 32 - i))}
        </div>
        <figcaption>
          {visual.caption}
          <span className="visually-hidden"> Highlighted: {marked.map((t) => `#${t.universal} (FDI ${t.fdi}), the ${t.name}`).join('; ')}.</span>
        </figcaption>
      </figure>
    );
  }
  if (visual.kind === 'document') {
    return (
      <figure className="sim-visual sim-document">
        <table>
          <caption>{visual.title}</caption>
          <tbody>
            {visual.rows.map((r, i) => (
              <tr key={i}>
                {r.map((cell, j) => (j === 0 ? <th key={j} scope="row">{cell}</th> : <td key={j}>{cell}</td>))}
              </tr>
            ))}
          </tbody>
        </table>
        {visual.caption && <figcaption>{visual.caption}</figcaption>}
      </figure>
    );
  }
  return (
    <figure className="sim-visual sim-claim">
      <dl>
        {Object.entries(visual.boxes).map(([box, value]) => (
          <div key={box}>
            <dt>Box {box}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <figcaption>{visual.caption ?? 'Claim form (CMS-1500), the boxes that matter'}</figcaption>
    </figure>
  );
}
