import "server-only";
import NextAuth from "next-auth";
import { authOptions } from "./options";

type Handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

/** The next-auth endpoints under /api/auth/*; built per request so configuration is read lazily. */
export const authRouteHandler: Handler = (request, context) =>
  (NextAuth(authOptions()) as unknown as Handler)(request, context);
