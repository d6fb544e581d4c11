import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', icon: <IconCheck size={18} />, message, autoClose: 3500 });
}

export function notifyError(title: string, message: string): void {
  notifications.show({
    color: 'red',
    icon: <IconAlertTriangle size={18} />,
    title,
    message,
    autoClose: 7000,
  });
}

/** Done, but with something to act on (e.g. the server's warning): stays longer. */
export function notifyWarning(title: string, message: string): void {
  notifications.show({
    color: 'yellow',
    icon: <IconAlertTriangle size={18} />,
    title,
    message,
    autoClose: 12000,
  });
}
