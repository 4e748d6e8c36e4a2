import { Form, Modal, type FormInstance, type FormProps, type ModalProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useApiError } from '@/lib/use-api-error';

export interface FormModalProps<V> {
  /** Defaults to open: many dialogs are mounted only while shown. */
  open?: boolean;
  title: ReactNode;
  okText?: string;
  okButtonProps?: ModalProps['okButtonProps'];
  width?: ModalProps['width'];
  onClose: () => void;
  /** Pass one when the caller watches fields (`Form.useWatch`) or sets them. */
  form?: FormInstance<V>;
  /** The form's name: field ids are `<name>_<field>`, which the browser tests use. */
  name: string;
  layout?: FormProps<V>['layout'];
  initialValues?: FormProps<V>['initialValues'];
  /** Runs on valid values; shows its own success message and closes the dialog itself, since
   * some dialogs hand over to another (a created client's secret) instead of closing. */
  onSubmit: (values: V) => Promise<unknown>;
  /** Replaces the default (field errors onto their fields, the detail as a message), e.g. to
   * show a conflict inside the dialog. */
  onError?: (err: unknown, form: FormInstance<V>) => void;
  /** Above the form: hints, the error of the last attempt. */
  header?: ReactNode;
  children: ReactNode;
}

/** A dialog holding one antd Form: 取消 closes, the OK button submits and spins until done. */
export function FormModal<V>({
  open = true,
  title,
  okText = '确定',
  okButtonProps,
  width,
  onClose,
  form: given,
  name,
  layout = 'vertical',
  initialValues,
  onSubmit,
  onError,
  header,
  children,
}: FormModalProps<V>) {
  const [own] = Form.useForm<V>();
  const form = given ?? own;
  const showError = useApiError();
  const [pending, setPending] = useState(false);

  const submit = async (values: V) => {
    setPending(true);
    try {
      await onSubmit(values);
    } catch (err) {
      if (onError) onError(err, form);
      else showError(err, form);
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="取消"
      okButtonProps={okButtonProps}
      width={width}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={pending}
      destroyOnHidden
    >
      {header}
      <Form<V>
        form={form}
        name={name}
        layout={layout}
        initialValues={initialValues}
        onFinish={(values) => void submit(values)}
        preserve={false}
      >
        {children}
      </Form>
    </Modal>
  );
}
