import { TableSkeleton } from "@/components/layout/table-skeleton";

export default function Loading() {
  return <TableSkeleton rows={4} />;
}
