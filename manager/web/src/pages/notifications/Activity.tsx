import type { PageProps } from '../routes';

export default function Activity(_: PageProps) {
  return <p>Activity: not built yet.</p>;
}
