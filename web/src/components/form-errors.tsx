/** The API errors of a form that name none of its fields, shown at its top. */
export function FormErrors(props: { errors: Record<string, string>; fields: readonly string[] }) {
  const rest = Object.entries(props.errors).filter(([k]) => !props.fields.includes(k));
  if (rest.length === 0) return null;
  return (
    <div className="form-errors" role="alert">
      {rest.map(([k, v]) => (
        <p key={k}>{k ? `${k}: ${v}` : v}</p>
      ))}
    </div>
  );
}
