import { TextAreaField, TextField } from './field'

/** An address being edited: every part a string ('' for empty). */
export type AddressDraft = {
  street: string
  city: string
  region: string
  postalCode: string
  country: string
}

export const emptyAddressDraft: AddressDraft = {
  street: '',
  city: '',
  region: '',
  postalCode: '',
  country: '',
}

type Props = {
  legend: string
  value: AddressDraft
  onChange: (value: AddressDraft) => void
  errors?: Partial<Record<keyof AddressDraft, string>>
}

/** The parts of one postal address grouped under a legend. */
export const AddressFieldset = ({ legend, value, onChange, errors = {} }: Props) => {
  const set = (part: keyof AddressDraft) => (next: string) => onChange({ ...value, [part]: next })
  return (
    <fieldset className="address-fieldset">
      <legend>{legend}</legend>
      <TextAreaField
        label="Street"
        rows={2}
        value={value.street}
        onChange={set('street')}
        error={errors.street}
      />
      <div className="field-row">
        <TextField label="City" value={value.city} onChange={set('city')} error={errors.city} />
        <TextField
          label="State / region"
          value={value.region}
          onChange={set('region')}
          error={errors.region}
        />
      </div>
      <div className="field-row">
        <TextField
          label="Postal code"
          value={value.postalCode}
          onChange={set('postalCode')}
          error={errors.postalCode}
        />
        <TextField label="Country" value={value.country} onChange={set('country')} error={errors.country} />
      </div>
    </fieldset>
  )
}
