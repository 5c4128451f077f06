import { useState, type FormEvent } from 'react';
import { useApi } from '../../session';
import type { Assessment } from './types';
import { useWrite } from '../../components/useWrite';
import { FormError } from '../../components/FormError';

/** The most YAML read from an uploaded file; the controller refuses larger bodies anyway. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** Judges a pasted or uploaded Kubernetes YAML by the current rules: per resource, allowed or denied and by what. */
export function AdmissionAssessment() {
  const api = useApi();
  const write = useWrite();
  const [yaml, setYaml] = useState('');
  const [fileError, setFileError] = useState<string>();
  const [result, setResult] = useState<Assessment>();

  const upload = async (file: File | undefined) => {
    setFileError(undefined);
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFileError(`${file.name} is larger than 8 MiB.`);
      return;
    }
    setYaml(await file.text());
  };

  const assess = (e: FormEvent) => {
    e.preventDefault();
    write.run(async () => {
      setResult(undefined);
      const response = await api.raw('POST', '/v1/assess/admission/rule', new Blob([yaml], { type: 'application/yaml' }), { 'Content-Type': 'application/yaml' });
      setResult((await response.json()) as Assessment);
    });
  };

  return (
    <section className="panel" aria-labelledby="assess-title">
      <h2 id="assess-title">Assess a YAML file</h2>
      <form className="form" style={{ maxWidth: 'none' }} onSubmit={assess} aria-label="Assess a YAML file">
        <label>
          Kubernetes YAML
          <textarea className="yaml" value={yaml} spellCheck={false} onChange={(e) => setYaml(e.target.value)} placeholder={'apiVersion: v1\nkind: Pod\n...'} />
        </label>
        <div className="form-row">
          <label>
            Upload a YAML file
            <input type="file" accept=".yaml,.yml,.json,text/yaml,application/yaml" onChange={(e) => upload(e.target.files?.[0])} />
          </label>
          <button type="submit" className="primary" disabled={write.busy || yaml.trim() === ''}>
            Assess
          </button>
        </div>
        <FormError message={fileError ?? write.error} />
      </form>
      {result && (
        <div aria-live="polite">
          <p>
            Admission control mode <strong>{result.global_mode}</strong>
            {(result.props_unavailable ?? []).length > 0 && <span className="muted"> · not judged without a requesting user: {(result.props_unavailable ?? []).join(', ')}</span>}
          </p>
          {result.results.length === 0 ? (
            <p className="muted">The file holds no Kubernetes resources.</p>
          ) : (
            <table className="data" aria-label="Assessment results">
              <thead>
                <tr>
                  <th className="num">#</th>
                  <th>Kind</th>
                  <th>Name</th>
                  <th>Result</th>
                  <th>Matched rules</th>
                  <th>Message</th>
                </tr>
              </thead>
              <tbody>
                {result.results.map((r) => (
                  <tr key={r.index}>
                    <td className="num">{r.index}</td>
                    <td>{r.kind}</td>
                    <td>{r.name}</td>
                    <td>{r.allowed ? <span className="badge allow">Allowed</span> : <span className="badge deny">Denied</span>}</td>
                    <td>
                      {(r.matched_rules ?? []).length === 0 ? (
                        <span className="muted">none</span>
                      ) : (
                        (r.matched_rules ?? []).map((m, i) => (
                          <div key={i}>
                            Rule {m.id} ({m.type}
                            {m.mode ? `, ${m.mode}` : ''}){m.container_image ? ` on ${m.container_image}` : ''}: {m.rule_details}
                          </div>
                        ))
                      )}
                    </td>
                    <td>{r.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
