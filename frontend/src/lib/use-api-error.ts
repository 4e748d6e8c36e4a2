import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { errorMessage, fieldErrors } from '@/lib/api/problem';

/**
 * Show an API error to the user: field errors go onto the form fields they
 * name, and the problem's Chinese `detail` goes into a message.
 */
export function useApiError() {
  const { message } = App.useApp();
  return useCallback(
    (err: unknown, form?: FormInstance) => {
      if (form) {
        const names = Object.keys({ ...form.getFieldsValue(true), ...form.getFieldsValue() } as object);
        const fields = fieldErrors(err, names);
        if (fields.length) form.setFields(fields);
      }
      message.error(errorMessage(err));
    },
    [message],
  );
}
