export function ErrorState({ message }: { message: string }) {
  return (
    <p className="status status--error" role="alert" data-testid="load-error">
      Не удалось загрузить данные: {message}
    </p>
  );
}
