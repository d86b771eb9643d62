import Link from "next/link";

// Rendered, with status 403, when a page calls forbidden() (assertPermission in lib/auth/current-user).
export default function Forbidden() {
  return (
    <main role="alert" className="rounded-md border border-red-300 bg-red-50 p-4 dark:border-red-900 dark:bg-red-950">
      <h1 className="mb-1 font-semibold text-red-900 dark:text-red-200">Not allowed</h1>
      <p className="mb-3 text-red-800 dark:text-red-300">Your roles do not allow this page. An admin can grant you a role if you need it.</p>
      <Link href="/" className="text-sm text-red-900 underline dark:text-red-200">
        Back to the overview
      </Link>
    </main>
  );
}
