// The limits the API form states next to its fields (the server enforces the same ones).
import { currency } from "@/lib/money";
import { MAX_PRICE_PER_CALL } from "@/lib/catalog/api-schemas";
import { OPENAPI_MAX_BYTES, OPENAPI_MAX_BYTES_LABEL } from "@/lib/catalog/openapi-document";

export function formLimits() {
  return {
    currency: currency(),
    maxPrice: MAX_PRICE_PER_CALL,
    openapiMaxBytes: OPENAPI_MAX_BYTES,
    openapiMaxLabel: OPENAPI_MAX_BYTES_LABEL,
  };
}
