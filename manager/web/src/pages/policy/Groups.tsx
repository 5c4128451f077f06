import type { PageProps } from '../routes';

export default function Groups(_: PageProps) {
  return <p>Groups: not built yet.</p>;
}
