import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeController, Status } from '../../test/fakeController';
import Admission from './Admission';
import { listed, renderPage, sentTo } from './testing';
import type { AdmissionRule } from './types';

const location = { path: '/policy/admission', params: new URLSearchParams() };
const set = ['containsAll', 'containsAny', 'notContainsAny', 'containsOtherThan'];
const options = {
  admission_options: {
    deny_options: {
      k8s_options: {
        rule_options: {
          image: { name: 'image', ops: ['containsAny', 'notContainsAny'], match_src: 'yaml' },
          runAsRoot: { name: 'runAsRoot', ops: ['='], values: ['true', 'false'], match_src: 'both' },
          cveHighCount: { name: 'cveHighCount', ops: ['>='], match_src: 'image', sub_options: { publishDays: { name: 'publishDays', ops: ['>='] } } },
          labels: { name: 'labels', ops: set, match_src: 'both' },
        },
      },
    },
    exception_options: { k8s_options: { rule_options: { namespace: { name: 'namespace', ops: ['containsAny', 'notContainsAny'], match_src: 'yaml' } } } },
  },
};
const rules: AdmissionRule[] = [
  { id: 1000, category: 'Kubernetes', comment: 'no root', criteria: [{ name: 'runAsRoot', op: '=', value: 'true' }], disable: false, cfg_type: 'user_created', rule_type: 'deny', rule_mode: '', containers: ['containers'] },
  { id: 1001, category: 'Kubernetes', comment: 'system', criteria: [{ name: 'namespace', op: 'containsAny', value: 'kube-system' }], disable: false, cfg_type: 'user_created', rule_type: 'exception', rule_mode: '', containers: ['containers'] },
];

function controller(extra = {}) {
  return fakeController({
    'GET /v1/admission/state': () => ({ state: { enable: false, mode: 'monitor', default_action: 'allow', failure_policy: 'ignore' }, k8s_env: false }),
    'PATCH /v1/admission/state': () => ({}),
    'GET /v1/admission/stats': () => ({ stats: { k8s_allowed_requests: 12, k8s_denied_requests: 3, k8s_erroneous_requests: 0, k8s_ignored_requests: 1, k8s_processing_requests: 0 } }),
    'GET /v1/admission/options': () => options,
    'GET /v1/admission/rules': (s) => ({ rules: listed(rules, s) }),
    'POST /v1/admission/rule': () => ({ rule: {} }),
    'PATCH /v1/admission/rule': () => ({}),
    'DELETE /v1/admission/rule/{id}': () => ({}),
    ...extra,
  });
}

test('shows the state and the counts, and enables protect mode', async () => {
  const sent = controller();
  renderPage(<Admission location={location} />);
  const requests = await screen.findByRole('region', { name: 'Requests' });
  await waitFor(() => expect(within(requests).getByText('Allowed').nextElementSibling).toHaveTextContent('12'));
  expect(within(requests).getByText('Denied').nextElementSibling).toHaveTextContent('3');
  const enable = await screen.findByLabelText('Admission control enabled');
  expect(screen.getByRole('button', { name: 'Save state' })).toBeDisabled();
  fireEvent.click(enable);
  fireEvent.change(screen.getByLabelText('Mode'), { target: { value: 'protect' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save state' }));
  await waitFor(() => expect(sentTo(sent, 'PATCH', '/v1/admission/state')[0]?.body).toEqual({ state: { enable: true, mode: 'protect' } }));
});

test('lists the rules through the list query', async () => {
  const sent = controller();
  renderPage(<Admission location={location} />);
  expect(await screen.findByText('runAsRoot = true')).toBeInTheDocument();
  expect(sentTo(sent, 'GET', '/v1/admission/rules')[0].query.get('limit')).toBe('26');
  fireEvent.change(screen.getByRole('combobox', { name: 'Filter Type' }), { target: { value: 'exception' } });
  await waitFor(() => expect(sentTo(sent, 'GET', '/v1/admission/rules').at(-1)?.query.get('f_rule_type')).toBe('eq,exception'));
  await waitFor(() => expect(screen.queryByText('runAsRoot = true')).toBeNull());
});

test('builds a deny rule from the options: operators and values follow the criterion, sub-criteria where offered', async () => {
  const sent = controller();
  renderPage(<Admission location={location} />);
  await screen.findByText('runAsRoot = true');
  await waitFor(() => expect(screen.getByRole('button', { name: 'Add admission rule' })).toBeEnabled());
  fireEvent.click(screen.getByRole('button', { name: 'Add admission rule' }));
  const dialog = screen.getByRole('dialog', { name: 'Add an admission rule' });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Add criterion' }));
  fireEvent.change(within(dialog).getByLabelText('criterion 1 Criterion'), { target: { value: 'runAsRoot' } });
  const value = within(dialog).getByLabelText('criterion 1 Value');
  expect(value.tagName).toBe('SELECT');
  expect(value).toHaveValue('true');
  fireEvent.click(within(dialog).getByRole('button', { name: 'Add criterion' }));
  fireEvent.change(within(dialog).getByLabelText('criterion 2 Criterion'), { target: { value: 'cveHighCount' } });
  expect(within(dialog).getByLabelText('criterion 2 Operator')).toHaveValue('>=');
  fireEvent.change(within(dialog).getByLabelText('criterion 2 Value'), { target: { value: '5' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Add criterion 2 sub-criterion' }));
  fireEvent.change(within(dialog).getByLabelText('criterion 2 sub-criterion 1 Value'), { target: { value: '30' } });
  fireEvent.change(within(dialog).getByLabelText('Rule mode'), { target: { value: 'protect' } });
  fireEvent.change(within(dialog).getByLabelText('Comment'), { target: { value: 'no risky images' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(sentTo(sent, 'POST', '/v1/admission/rule')).toHaveLength(1));
  expect(sentTo(sent, 'POST', '/v1/admission/rule')[0].body).toEqual({
    config: {
      rule_type: 'deny',
      category: 'Kubernetes',
      criteria: [
        { name: 'runAsRoot', op: '=', value: 'true' },
        { name: 'cveHighCount', op: '>=', value: '5', sub_criteria: [{ name: 'publishDays', op: '>=', value: '30' }] },
      ],
      comment: 'no risky images',
      disable: false,
      rule_mode: 'protect',
      containers: ['containers'],
    },
  });
});

test('edits an exception rule with its id, shows a refusal, and deletes', async () => {
  const sent = controller({
    'PATCH /v1/admission/rule': () => {
      throw new Status(400, "'namespace' takes the operators [containsAny, notContainsAny]");
    },
  });
  renderPage(<Admission location={location} />);
  await screen.findByText('namespace containsAny kube-system');
  await waitFor(() => expect(screen.getByRole('button', { name: 'Edit admission rule 1001' })).toBeEnabled());
  fireEvent.click(screen.getByRole('button', { name: 'Edit admission rule 1001' }));
  const dialog = screen.getByRole('dialog', { name: 'Edit admission rule 1001' });
  expect(within(dialog).queryByLabelText('Rule mode')).toBeNull();
  fireEvent.click(within(dialog).getByLabelText('Disabled'));
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
  expect(await within(dialog).findByRole('alert')).toHaveTextContent('takes the operators');
  expect(sentTo(sent, 'PATCH', '/v1/admission/rule')[0].body).toMatchObject({ config: { id: 1001, rule_type: 'exception', disable: true, rule_mode: '' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
  fireEvent.click(screen.getByRole('button', { name: 'Delete admission rule 1000' }));
  fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
  await waitFor(() => expect(sentTo(sent, 'DELETE', '/v1/admission/rule/1000')).toHaveLength(1));
});

test('assesses pasted YAML and shows per resource which rule matched', async () => {
  const sent = controller({
    'POST /v1/assess/admission/rule': () => ({
      props_unavailable: ['user', 'userGroups'],
      global_mode: 'protect',
      results: [
        { index: 1, name: 'web', kind: 'Deployment', message: 'Creation denied', allowed: false, matched_rules: [{ container_image: 'nginx:1', id: 1000, type: 'deny', mode: 'protect', rule_details: 'runAsRoot = true', rule_cfg_type: 'user_created' }] },
        { index: 2, name: 'cfg', kind: 'ConfigMap', message: 'Creation allowed', allowed: true, matched_rules: [] },
      ],
    }),
  });
  renderPage(<Admission location={location} />);
  const yaml = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n---\nkind: ConfigMap\n';
  fireEvent.change(await screen.findByLabelText('Kubernetes YAML'), { target: { value: yaml } });
  fireEvent.click(screen.getByRole('button', { name: 'Assess' }));
  const table = await screen.findByRole('table', { name: 'Assessment results' });
  const rows = within(table).getAllByRole('row');
  expect(rows[1]).toHaveTextContent('Denied');
  expect(rows[1]).toHaveTextContent('Rule 1000 (deny, protect) on nginx:1: runAsRoot = true');
  expect(rows[2]).toHaveTextContent('Allowed');
  const post = sentTo(sent, 'POST', '/v1/assess/admission/rule')[0];
  expect(await (post.body as Blob).text()).toBe(yaml);
});

test('an uploaded file fills the YAML; a refused assessment says why', async () => {
  controller({
    'POST /v1/assess/admission/rule': () => {
      throw new Status(400, 'The YAML cannot be read: line 2');
    },
  });
  renderPage(<Admission location={location} />);
  const input = await screen.findByLabelText('Upload a YAML file');
  fireEvent.change(input, { target: { files: [new File(['kind: Pod\n  bad: [\n'], 'pod.yaml', { type: 'application/yaml' })] } });
  await waitFor(() => expect(screen.getByLabelText('Kubernetes YAML')).toHaveValue('kind: Pod\n  bad: [\n'));
  fireEvent.click(screen.getByRole('button', { name: 'Assess' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('The YAML cannot be read: line 2');
});

test('a reader sees the state without changing it', async () => {
  controller();
  renderPage(<Admission location={location} />, 'reader');
  expect(await screen.findByLabelText('Admission control enabled')).toBeDisabled();
  expect(screen.queryByRole('button', { name: 'Save state' })).toBeNull();
  expect(screen.queryByRole('button', { name: 'Add admission rule' })).toBeNull();
});

test('an uploaded file over 8 MiB is refused before it is read', async () => {
  const sent = controller();
  renderPage(<Admission location={location} />);
  const input = await screen.findByLabelText('Upload a YAML file');
  const huge = new File(['kind: Pod\n'], 'huge.yaml');
  Object.defineProperty(huge, 'size', { value: 64 * 1024 * 1024 });
  fireEvent.change(input, { target: { files: [huge] } });
  expect(await screen.findByRole('alert')).toHaveTextContent('huge.yaml is larger than 8 MiB.');
  expect(screen.getByLabelText('Kubernetes YAML')).toHaveValue('');
  expect(screen.getByRole('button', { name: 'Assess' })).toBeDisabled();
  expect(sentTo(sent, 'POST', '/v1/assess/admission/rule')).toHaveLength(0);
});
