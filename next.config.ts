import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Security headers (CSP with a per-request nonce) are set in proxy.ts, at run time, because
  // they depend on the configured GitHub origin.
};

export default nextConfig;
