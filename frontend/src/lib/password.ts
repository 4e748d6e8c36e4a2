import type { Rule } from 'antd/es/form';

export const PASSWORD_HINT = '至少 10 位，须同时包含字母和数字';

/** Client-side hint only; the server's password rule is the one that counts. */
export const newPasswordRules: Rule[] = [
  { required: true, message: '请输入新密码' },
  { min: 10, message: '密码至少 10 位' },
  { pattern: /(?=.*[A-Za-z])(?=.*\d)/, message: '密码须同时包含字母和数字' },
];

export function confirmPasswordRules(field: string): Rule[] {
  return [
    { required: true, message: '请再次输入密码' },
    ({ getFieldValue }) => ({
      validator: (_, value) =>
        !value || value === getFieldValue(field) ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
    }),
  ];
}
