import { useApi } from '../../session';
import { useAsync } from '../../components/useAsync';
import { href } from '../../router';
import { Donut } from './charts/Donut';
import { Panel } from './Panel';
import { FACTORS, rating, RATING_COLOR, type ScoreData } from './score';

/** The security risk score, 0 (good) to 100, and each factor of it with its share and how to lower it. */
export function ScorePanel({ tick }: { tick: number }) {
  const api = useApi();
  const value = useAsync(() => api.get<ScoreData>('/v1/system/score/metrics'), [api, tick]);
  return (
    <Panel title="Security risk score" value={value} className="dash-full">
      {(data) => <Score data={data} />}
    </Panel>
  );
}

function Score({ data }: { data: ScoreData }) {
  const scores = data.security_scores;
  const total = scores.security_risk_score;
  const grade = rating(total);
  const points = FACTORS.reduce((sum, f) => sum + (scores[f.key] ?? 0), 0);
  return (
    <div className="dash-score">
      <div className="dash-gauge">
        <Donut
          label={`Security risk score ${total} of 100, ${grade}`}
          parts={[{ key: 'score', label: 'Score', value: total, color: RATING_COLOR[grade] }]}
          total={100}
          center={total}
          sub={grade}
          legend={false}
        />
        <p className="muted">Lower is better: 0–20 good, 21–50 fair, 51 and above poor.</p>
      </div>
      <ul className="dash-factors" aria-label="Score factors">
        {FACTORS.map((f) => {
          const got = scores[f.key] ?? 0;
          const share = points > 0 ? Math.round((got / points) * 100) : 0;
          return (
            <li key={f.key} aria-label={f.title}>
              <div className="dash-factor-head">
                <strong>{f.title}</strong>
                <span className="num">
                  {got} of {f.max}
                </span>
                <span className="muted">{share}% of the score</span>
              </div>
              <svg className="dash-factor-bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect className="chart-track" x="0" y="0" width="100" height="4" rx="1" />
                <rect x="0" y="0" width={(Math.min(got, f.max) / f.max) * 100} height="4" rx="1" fill={got > 0 ? 'var(--warn)' : 'var(--ok)'} />
              </svg>
              <p className="muted">{f.detail(data.metrics)}</p>
              {got > 0 && (
                <p>
                  {f.advice} <a href={href(f.fix)}>Go there</a>
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
