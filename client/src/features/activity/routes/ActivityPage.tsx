import { useParams } from 'react-router';
import { ActivityFeed } from '../components/ActivityFeed';

export function ActivityPage() {
  const { wid = '' } = useParams();
  return <ActivityFeed workspaceId={wid} />;
}
