export function LoadingState() {
  return (
    <p className="status" role="status" data-testid="loading">
      Загрузка…
    </p>
  );
}
