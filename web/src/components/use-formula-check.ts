import { useEffect, useState } from 'react';
import type { FormulaCheckResult } from '../../../src/domain/indicator-passport.js';
import { sendJson } from '../api/send-json.js';

/**
 * The server's verdict on a formula as it is typed (checked a moment after the last key):
 * null while empty or waiting, else the refusal naming the field, or «ok».
 */
export function useFormulaCheck(code: string, formula: string): FormulaCheckResult | null {
  const [result, setResult] = useState<FormulaCheckResult | null>(null);
  useEffect(() => {
    if (formula.trim() === '') {
      setResult(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      sendJson<FormulaCheckResult>('POST', '/api/indicator-formula-checks', {
        code: code.trim() || 'new_indicator',
        formula,
      })
        .then((r) => {
          if (live) setResult(r);
        })
        .catch((e: unknown) => {
          if (live)
            setResult({
              ok: false,
              message: e instanceof Error ? e.message : String(e),
              position: null,
              variables: [],
            });
        });
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [code, formula]);
  return result;
}
