import type { PageProps } from '../routes';

export default function PasswordProfile(_: PageProps) {
  return <p>Password profile: not built yet.</p>;
}
