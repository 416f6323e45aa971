import { useState, type FormEvent } from 'react';
import { usePrincipleMutations } from '../api';

/** The add-a-principle form: its fields, emptied once the principle is saved. */
export function usePrincipleForm(wid: string) {
  const { create } = usePrincipleMutations(wid);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { title, description: description || undefined },
      {
        onSuccess: () => {
          setTitle('');
          setDescription('');
        },
      },
    );
  };
  return { title, setTitle, description, setDescription, onSubmit, create };
}
