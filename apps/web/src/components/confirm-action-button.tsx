import { Button } from '@mantine/core';
import type { ReactNode } from 'react';
import { ConfirmModal } from './confirm-modal';

interface ConfirmActionButtonProps {
  label: string;
  icon: ReactNode;
  variant: 'light' | 'subtle';
  /** The confirmation's open state stays with the caller, whose mutation closes it when done. */
  opened: boolean;
  onOpen: () => void;
  onClose: () => void;
  onConfirm: () => void;
  loading: boolean;
  confirmTitle: string;
  confirmLabel: string;
  /** What the confirmation says will happen. */
  children: ReactNode;
}

/** A red button for a destructive action that runs only after an "Are you sure?". */
export function ConfirmActionButton(props: ConfirmActionButtonProps) {
  const { label, icon, variant, opened, onOpen, onClose, onConfirm, loading } = props;
  return (
    <>
      <Button variant={variant} color="red" leftSection={icon} onClick={onOpen}>
        {label}
      </Button>
      <ConfirmModal
        opened={opened}
        onClose={onClose}
        onConfirm={onConfirm}
        loading={loading}
        title={props.confirmTitle}
        confirmLabel={props.confirmLabel}
      >
        {props.children}
      </ConfirmModal>
    </>
  );
}
