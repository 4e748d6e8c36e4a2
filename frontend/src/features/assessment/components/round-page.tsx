import { useParams } from 'react-router';
import { QueryBoundary } from '@/components/query-boundary';
import { useRound } from '../api/assessment';
import AssessmentPage from './assessment-page';

/** A round's own address (where its notifications lead): the assessment page on the round's
 * year, at its results. */
export default function RoundPage() {
  const { roundId } = useParams();
  const round = useRound(roundId);
  return (
    <QueryBoundary query={round}>{(r) => <AssessmentPage initialYear={r.year} initialTab="results" />}</QueryBoundary>
  );
}
