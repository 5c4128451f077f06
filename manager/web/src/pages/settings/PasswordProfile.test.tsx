import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeController, Status } from '../../test/fakeController';
import PasswordProfile from './PasswordProfile';
import { fill, renderPage } from './testing';
import type { PasswordProfile as Profile } from './types';

const profile: Profile = {
  name: 'default',
  comment: 'default password profile',
  min_len: 8,
  min_uppercase_count: 1,
  min_lowercase_count: 1,
  min_digit_count: 1,
  min_special_count: 0,
  enable_password_expiration: false,
  password_expire_after_days: 0,
  enable_password_history: 0,
  password_keep_history_count: 0,
  enable_block_after_failed_login: true,
  block_after_failed_login_count: 5,
  block_minutes: 30,
  session_timeout: 300,
};

test('shows the profile and saves the changes, history sent as a boolean', async () => {
  let stored = profile;
  const sent = fakeController({
    'GET /v1/password_profile/default': () => ({ pwd_profile: stored }),
    'PATCH /v1/password_profile/default': (s) => {
      const c = (s.body as { config: Profile }).config;
      if (c.session_timeout > 3600) throw new Status(400, 'Invalid password profile: session timeout 30-3600 seconds');
      stored = { ...c, enable_password_history: c.enable_password_history ? 1 : 0 };
      return {};
    },
  });
  renderPage(PasswordProfile);
  const form = await screen.findByRole('form', { name: 'Password profile' });
  expect(within(form).getByLabelText('Minimum length')).toHaveValue(8);
  expect(within(form).getByLabelText('Expire after days')).toBeDisabled();
  fill('Minimum length', '12', form);
  fill('Special characters', '2', form);
  fireEvent.click(within(form).getByLabelText('Passwords expire'));
  fill('Expire after days', '90', form);
  fireEvent.click(within(form).getByLabelText('Keep a password history'));
  fill('Passwords remembered', '5', form);
  fill('Session timeout (seconds)', '7200', form);
  fireEvent.click(within(form).getByRole('button', { name: 'Save password profile' }));
  expect(await within(form).findByRole('alert')).toHaveTextContent('session timeout 30-3600 seconds');

  fill('Session timeout (seconds)', '900', form);
  fireEvent.click(within(form).getByRole('button', { name: 'Save password profile' }));
  await within(form).findByText('Saved.');
  expect(sent.filter((s) => s.method === 'PATCH').at(-1)?.body).toEqual({
    config: {
      ...profile,
      min_len: 12,
      min_special_count: 2,
      enable_password_expiration: true,
      password_expire_after_days: 90,
      enable_password_history: true,
      password_keep_history_count: 5,
      session_timeout: 900,
    },
  });
  await waitFor(() => expect(sent.filter((s) => s.method === 'GET')).toHaveLength(2));
  expect(within(form).getByLabelText('Keep a password history')).toBeChecked();
});

test('a role that may not change it sees it disabled, without Save', async () => {
  fakeController({ 'GET /v1/password_profile/default': () => ({ pwd_profile: profile }) });
  renderPage(PasswordProfile, 'reader');
  const form = await screen.findByRole('form', { name: 'Password profile' });
  expect(within(form).getByLabelText('Minimum length')).toBeDisabled();
  expect(within(form).queryByRole('button', { name: 'Save password profile' })).toBeNull();
});

test('shows why it could not be loaded', async () => {
  fakeController({
    'GET /v1/password_profile/default': () => {
      throw new Status(403, 'Access denied');
    },
  });
  renderPage(PasswordProfile);
  expect(await screen.findByRole('alert')).toHaveTextContent('Access denied');
});
