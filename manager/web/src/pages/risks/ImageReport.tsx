import type { PageProps } from '../routes';

export default function ImageReport(_: PageProps) {
  return <p>Image report: not built yet.</p>;
}
