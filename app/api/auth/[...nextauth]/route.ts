// GET/POST /api/auth/* - Auth.js (sessions, OAuth callbacks, sign-out)
import { handlers } from "@/lib/auth/config";

export const { GET, POST } = handlers;
