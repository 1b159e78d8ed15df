import { useState } from 'react';
import type { FieldErrors } from './use-form-feedback.ts';

/**
 * A multi-field form's text values by field name. `bind(field)` gives an input its name (the request's
 * property name, so server errors find it), its value, its onChange and its error message.
 */
export function useFormValues<F extends string>(initial: Record<F, string>, fieldErrors: FieldErrors<F>) {
  const [values, setValues] = useState<Record<F, string>>(initial);

  function bind(field: F) {
    return {
      name: field,
      value: values[field],
      onChange: (e: { currentTarget: { value: string } }) => {
        const value = e.currentTarget.value;
        setValues((v) => ({ ...v, [field]: value }));
      },
      error: fieldErrors[field],
    };
  }

  return { values, setValues, bind };
}
