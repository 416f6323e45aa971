import { useState, type FormEvent } from 'react';
import { serverFieldErrors } from '../../../components/ui/form';
import { useExperimentMutations } from '../api';

/** The add-a-learning form: its two fields, emptied once the learning is saved. */
export function useLearningForm(wid: string, eid: string) {
  const { addLearning } = useExperimentMutations(wid);
  const [text, setText] = useState('');
  const [url, setUrl] = useState('');
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    addLearning.mutate(
      { id: eid, text, ...(url.trim() ? { evidenceUrl: url.trim() } : {}) },
      { onSuccess: () => (setText(''), setUrl('')) },
    );
  };
  return {
    text,
    setText,
    url,
    setUrl,
    onSubmit,
    pending: addLearning.isPending,
    errors: serverFieldErrors(addLearning.error),
  };
}
