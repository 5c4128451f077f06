import type { PageProps } from '../routes';

export default function Users(_: PageProps) {
  return <p>Users: not built yet.</p>;
}
